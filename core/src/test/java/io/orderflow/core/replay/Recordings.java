package io.orderflow.core.replay;

import java.nio.file.Path;

/**
 * The recordings under {@code core/src/test/resources/recordings/} (see ATTRIBUTION.md there): real Binance
 * traffic, and one coin-M session generated in cryptofeed's layout. Tests of every module run from
 * the repository root and find them there, as files: the job reads recordings by path.
 */
public final class Recordings {

    public static final Path DIR = Path.of("core/src/test/resources/recordings").toAbsolutePath();

    private Recordings() {}

    public static Path dir(String folder) {
        return DIR.resolve(folder);
    }

    static Recording btcusdt() {
        return Recording.hftbacktest(dir("hftbacktest-spot").resolve("btcusdt_20240808.gz"));
    }

    static Recording ethusdt() {
        return Recording.hftbacktest(dir("hftbacktest-spot").resolve("ethusdt_20240808.gz"));
    }

    static Recording cryptofeedFutures() {
        return Recording.cryptofeed(dir("cryptofeed").resolve("BINANCE_FUTURES.ws.1.0"),
                dir("cryptofeed").resolve("BINANCE_FUTURES.http.0.0"));
    }

    /** Generated, not recorded: see {@code recordings/coinm/README.md}. */
    static Recording coinm() {
        return Recording.cryptofeed(dir("coinm").resolve("BINANCE_DELIVERY.ws.1.0"),
                dir("coinm").resolve("BINANCE_DELIVERY.http.0.0"));
    }

    static Recording cryptofeedSpot() {
        return Recording.cryptofeed(dir("cryptofeed").resolve("BINANCE.ws.1.0"),
                dir("cryptofeed").resolve("BINANCE.http.0.0"));
    }
}

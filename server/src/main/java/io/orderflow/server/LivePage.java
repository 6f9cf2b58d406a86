package io.orderflow.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The live page (docs/server.md#the-live-page): its own files and the ECharts WebJar's script, read
 * from the class path once at start, so a build that lacks one fails then, and served from memory.
 */
final class LivePage {

    /** A file of the page. */
    record Asset(String contentType, String cacheControl, byte[] bytes) {}

    private static final String PAGE = "io/orderflow/server/page/";
    // The page's own files change with the server: browsers ask again each time.
    private static final String REVALIDATE = "no-cache";
    private static final String JS = "text/javascript; charset=utf-8";

    private final Map<String, Asset> assets;

    LivePage() {
        Asset index = read(PAGE + "index.html", "text/html; charset=utf-8", REVALIDATE);
        String echarts = "META-INF/resources/webjars/echarts/" + ServerContext.BUILD.getProperty("echartsVersion")
                + "/echarts.min.js";
        assets = Map.of(
                "/", index,
                "/index.html", index,
                "/page/page.js", read(PAGE + "page.js", JS, REVALIDATE),
                "/page/page.css", read(PAGE + "page.css", "text/css; charset=utf-8", REVALIDATE),
                "/webjars/echarts/echarts.min.js", read(echarts, JS, "public, max-age=86400"));
    }

    /** The file served at {@code path}, or null. */
    Asset find(String path) {
        return assets.get(path);
    }

    private static Asset read(String resource, String contentType, String cacheControl) {
        try (InputStream in = LivePage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the live page's " + resource + " is not on the class path: rebuild the server module");
            }
            return new Asset(contentType, cacheControl, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }
}

package io.orderflow.tools.dq;

import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.FusionRow;
import io.orderflow.core.model.KlineRow;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.model.PriceRow;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.sink.ParquetRowKind;
import io.orderflow.job.sink.RowKinds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a long, healthy harvest straight to Parquet, in the job's layout, footers and file sizes
 * (one file per kind, symbol and minute, as the harvest profile's 60 s rotation commits them): what
 * the {@code dq} command is timed on, without days of collecting. Seeded, so every run writes the
 * same rows.
 *
 * <pre>java -cp ... io.orderflow.tools.dq.HarvestGenerator OUT_DIR [hours=72] [symbols=BTCUSDT,ETHUSDT] [trades/s=10]</pre>
 */
public final class HarvestGenerator {

    /** Book updates per second per symbol: Binance's {@code @depth@100ms}. */
    private static final int BOOKS_PER_SECOND = 10;

    private final HarvestWriter writer;
    private final OrderflowConfig config = OrderflowConfig.defaults();
    private final int tradesPerSecond;

    HarvestGenerator(Path root, int tradesPerSecond) {
        this.writer = new HarvestWriter(root);
        this.tradesPerSecond = tradesPerSecond;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: HarvestGenerator OUT_DIR [hours] [symbols] [trades/s per symbol]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int hours = args.length > 1 ? Integer.parseInt(args[1]) : 72;
        List<String> symbols = List.of((args.length > 2 ? args[2] : "BTCUSDT,ETHUSDT").split(","));
        int tradesPerSecond = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        Files.createDirectories(out);
        long start = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        long began = System.nanoTime();
        HarvestGenerator generator = new HarvestGenerator(out, tradesPerSecond);
        for (String symbol : symbols) {
            generator.symbol(symbol, start, hours * 60);
        }
        System.out.printf(Locale.ROOT, "%d h of %s at %d trades/s written under %s in %.1f s%n", hours, symbols,
                tradesPerSecond, out, (System.nanoTime() - began) / 1e9);
    }

    /** One symbol's minutes, each a file per kind. */
    void symbol(String symbol, long startMs, int minutes) throws Exception {
        SplittableRandom random = new SplittableRandom(symbol.hashCode());
        double price = 100 + random.nextDouble(100);
        double cvd = 0;
        long tradeId = 1;
        for (int minute = 0; minute < minutes; minute++) {
            long minuteMs = startMs + minute * 60_000L;
            List<PriceRow> prices = new ArrayList<>();
            List<CvdRow> cvdRows = new ArrayList<>();
            double open = price;
            double high = price;
            double low = price;
            double volume = 0;
            double quoteVolume = 0;
            double takerBuy = 0;
            for (int i = 0; i < 60 * tradesPerSecond; i++) {
                long t = minuteMs + i * 1000L / tradesPerSecond;
                price = Math.max(1, price + random.nextGaussian() * 0.01);
                double qty = 0.001 + random.nextDouble() * random.nextDouble() * 2;
                boolean buy = random.nextBoolean();
                double delta = buy ? qty : -qty;
                cvd += delta;
                double z = random.nextGaussian();
                long latency = 5 + random.nextInt(40);
                prices.add(new PriceRow(t, t - 1, symbol, price, qty, tradeId, latency, tradesPerSecond));
                cvdRows.add(new CvdRow(t, symbol, tradeId, cvd, delta, z, Math.max(-8, Math.min(8, z)), 1.0, 0.5,
                        false, "normal"));
                tradeId++;
                high = Math.max(high, price);
                low = Math.min(low, price);
                volume += qty;
                quoteVolume += qty * price;
                takerBuy += buy ? qty : 0;
            }
            List<OfiRow> books = new ArrayList<>();
            for (int i = 0; i < 60 * BOOKS_PER_SECOND; i++) {
                double ofi = random.nextGaussian();
                books.add(new OfiRow(minuteMs + i * 1000L / BOOKS_PER_SECOND, symbol, ofi, ofi, 1.0, "normal",
                        ofi * 0.05, false, false, price - 0.01, price + 0.01, ofi));
            }
            List<FusionRow> fusion = new ArrayList<>();
            for (int second = 0; second < 60; second++) {
                long t = minuteMs + second * 1000L;
                double z = random.nextGaussian();
                fusion.add(new FusionRow(t, symbol, z, z, z, z, t, t, "normal", false));
            }
            write(RowKinds.PRICES, prices);
            write(RowKinds.CVD, cvdRows);
            write(RowKinds.OFI, books);
            write(RowKinds.FUSION, fusion);
            write(RowKinds.KLINES, List.of(new KlineRow(minuteMs, symbol, "1m", open, high, low, price, volume,
                    quoteVolume, takerBuy, 60L * tradesPerSecond, quoteVolume / volume)));
            if (minute % 8 == 0) { // 1,080 events per 72 h for two symbols: the harvest profile's aim, just met
                write(RowKinds.EVENTS, List.of(new MarketNotice(symbol, minuteMs, MarketNotice.PIVOT_HIGH,
                        "{\"generated\":true}")));
            }
        }
    }

    private <T> void write(ParquetRowKind<T> kind, List<T> rows) throws Exception {
        writer.write(kind, config, "binance", rows);
    }
}

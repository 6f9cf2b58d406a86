package io.orderflow.tools.dq;

import io.orderflow.core.model.CvdRow;
import io.orderflow.core.model.MarketNotice;
import io.orderflow.core.model.OfiRow;
import io.orderflow.core.model.PriceRow;
import io.orderflow.job.config.OrderflowConfig;
import io.orderflow.job.sink.RowKinds;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Three hours of three symbols with a defect of each kind the HTML report draws, at known minutes:
 * silent minutes of trades and of books, a latency tail, trades received before their event time,
 * z_raw beyond the winsor limit (and once a z_cvd that was not winsorised), and feed events around
 * an outage. Written with the job's Parquet writer, a file per kind and symbol.
 */
final class SampleHarvest {

    static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");
    /** The first trade and book: half past nine, so the heatmaps' first row starts half-way. */
    static final long T0 = Instant.parse("2026-03-02T09:30:00Z").toEpochMilli();
    static final int MINUTES = 180;

    /** BTCUSDT's one silent minute of trades, alone: 10:04. */
    static final long BTC_SILENT_TRADE_MINUTE = minute(34);
    /** BTCUSDT's outage: no trade from 11:20 for 7 minutes, no book from 11:21 for 5. */
    static final long BTC_OUTAGE_TRADES = minute(110);
    static final int BTC_OUTAGE_TRADE_MINUTES = 7;
    static final long BTC_OUTAGE_BOOKS = minute(111);
    static final int BTC_OUTAGE_BOOK_MINUTES = 5;
    /** ETHUSDT has no book from 12:10 for 3 minutes. */
    static final long ETH_SILENT_BOOKS = minute(160);
    static final int ETH_SILENT_BOOK_MINUTES = 3;

    private static final OrderflowConfig CONFIG = OrderflowConfig.defaults();

    private SampleHarvest() {}

    static long minute(int sinceT0) {
        return T0 + sinceT0 * 60_000L;
    }

    static void write(Path root) throws IOException {
        HarvestWriter writer = new HarvestWriter(root);
        for (String symbol : SYMBOLS) {
            SplittableRandom random = new SplittableRandom(symbol.hashCode());
            List<PriceRow> trades = new ArrayList<>();
            List<CvdRow> cvd = new ArrayList<>();
            List<OfiRow> books = new ArrayList<>();
            double price = 100 + random.nextDouble(100);
            long id = 1;
            for (long t = T0; t < minute(MINUTES); t += 5_000) {
                if (!silent(symbol, "trades", t)) {
                    price += random.nextGaussian() * 0.05;
                    trades.add(new PriceRow(t, t, symbol, price, 0.1, id, latency(symbol, id, random), 0.2));
                    double zRaw = zRaw(symbol, id, random);
                    double zCvd = symbol.equals("ETHUSDT") && id == 1_500 ? zRaw : Math.max(-8, Math.min(8, zRaw));
                    cvd.add(new CvdRow(t, symbol, id, id, 0.1, zRaw, zCvd, 1, 0.5, false, "normal"));
                    id++;
                }
            }
            for (long t = T0; t < minute(MINUTES); t += 2_000) {
                if (!silent(symbol, "books", t)) {
                    books.add(new OfiRow(t, symbol, 0.1, random.nextGaussian(), 3, "normal", 0.05, false, false,
                            price - 0.01, price + 0.01, 0.3));
                }
            }
            writer.write(RowKinds.PRICES, CONFIG, "binance", trades);
            writer.write(RowKinds.CVD, CONFIG, "binance", cvd);
            writer.write(RowKinds.OFI, CONFIG, "binance", books);
            writer.write(RowKinds.EVENTS, CONFIG, "binance", events(symbol));
        }
    }

    private static boolean silent(String symbol, String kind, long t) {
        return switch (symbol + " " + kind) {
            case "BTCUSDT trades" -> in(t, BTC_SILENT_TRADE_MINUTE, 1) || in(t, BTC_OUTAGE_TRADES, BTC_OUTAGE_TRADE_MINUTES);
            case "BTCUSDT books" -> in(t, BTC_OUTAGE_BOOKS, BTC_OUTAGE_BOOK_MINUTES);
            case "ETHUSDT books" -> in(t, ETH_SILENT_BOOKS, ETH_SILENT_BOOK_MINUTES);
            default -> false;
        };
    }

    private static boolean in(long t, long from, int minutes) {
        return t >= from && t < from + minutes * 60_000L;
    }

    /** Mostly 5-45 ms; ETHUSDT has a tail up to 2.5 s, SOLUSDT's clock runs ahead now and then. */
    private static long latency(String symbol, long id, SplittableRandom random) {
        long latency = 5 + random.nextInt(40);
        if (symbol.equals("ETHUSDT") && id % 97 == 0) {
            return 150 + random.nextInt(800);
        }
        if (symbol.equals("ETHUSDT") && (id == 700 || id == 1_400)) {
            return 2_500;
        }
        if (symbol.equals("SOLUSDT") && id % 113 == 0) {
            return -1 - random.nextInt(30);
        }
        if (symbol.equals("SOLUSDT") && id % 500 == 0) {
            return -350;
        }
        return latency;
    }

    private static double zRaw(String symbol, long id, SplittableRandom random) {
        if (symbol.equals("ETHUSDT") && id == 1_500) {
            return 9.1; // written to z_cvd as it is: not winsorised
        }
        if (!symbol.equals("SOLUSDT") && id % 600 == 0) {
            return id % 1_200 == 0 ? -9.5 - id / 1_000.0 : 10 + id / 500.0;
        }
        return random.nextGaussian() * 1.3;
    }

    private static List<MarketNotice> events(String symbol) {
        List<MarketNotice> events = new ArrayList<>();
        for (int m = 7; m < MINUTES; m += 13) {
            events.add(new MarketNotice(symbol, minute(m), m % 2 == 0 ? MarketNotice.PIVOT_HIGH : MarketNotice.PIVOT_LOW, "{}"));
        }
        events.add(new MarketNotice(symbol, minute(61), MarketNotice.BULLISH_DIVERGENCE, "{}"));
        if (symbol.equals("BTCUSDT")) {
            events.add(new MarketNotice(symbol, BTC_OUTAGE_TRADES, MarketNotice.WS_RECONNECT, "{}"));
            events.add(new MarketNotice(symbol, BTC_OUTAGE_TRADES + 6 * 60_000L, MarketNotice.BOOK_RESYNC, "{}"));
            events.add(new MarketNotice(symbol, BTC_OUTAGE_TRADES + 7 * 60_000L, MarketNotice.DATA_GAP, "{}"));
        }
        if (symbol.equals("ETHUSDT")) {
            for (int k = 0; k < 3; k++) {
                events.add(new MarketNotice(symbol, minute(80) + k * 1_000L, MarketNotice.LATE_TRADE, "{}"));
            }
            events.add(new MarketNotice(symbol, ETH_SILENT_BOOKS + 3 * 60_000L, MarketNotice.BOOK_RESYNC, "{}"));
            events.add(new MarketNotice(symbol, minute(150), MarketNotice.BEARISH_DIVERGENCE, "{}"));
        }
        return events;
    }
}

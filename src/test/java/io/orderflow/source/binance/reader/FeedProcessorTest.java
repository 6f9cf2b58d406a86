package io.orderflow.source.binance.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.exchange.binance.MarketType;
import io.orderflow.exchange.binance.wire.StreamKind;
import io.orderflow.model.MarketEvent;
import io.orderflow.model.RawFrame;
import io.orderflow.source.binance.BinanceSource;
import io.orderflow.source.binance.split.BinanceSplit;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedProcessorTest {

    private static final String TRADE = "{\"stream\":\"nknusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1633998523963,"
            + "\"s\":\"NKNUSDT\",\"a\":15683430,\"p\":\"0.35280000\",\"q\":\"58.00000000\",\"f\":19862790,"
            + "\"l\":19862790,\"T\":1633998523963,\"m\":false,\"M\":true}}";
    private static final String BOOK = "{\"stream\":\"nknusdt@depth5@100ms\",\"data\":{\"lastUpdateId\":%d,"
            + "\"bids\":[[\"0.0024\",\"10\"]],\"asks\":[[\"0.0026\",\"100\"]]}}";

    private final BinanceSourceMetrics metrics = BinanceSourceMetrics.unregistered();
    private final List<String> methodResults = new ArrayList<>();

    @Test
    void aTradeGoesOutNormalisedAndItsFrameIsCapturedFirst() throws InterruptedException {
        Handoff handoff = new Handoff(100);
        FeedProcessor processor = processor(handoff, true);

        processor.onMessage(TRADE, 1633998524000L);

        List<MarketEvent> events = HandoffDrain.drain(handoff);
        assertThat(events).hasSize(2);
        assertThat(events.get(0).raw())
                .isEqualTo(new RawFrame(1633998524000L, "NKNUSDT", "nknusdt@aggTrade", TRADE));
        assertThat(events.get(1).trade().tradeId()).isEqualTo(15683430L);
        assertThat(events.get(1).trade().receiveTimeMs()).isEqualTo(1633998524000L);
    }

    @Test
    void garbageIsCountedAndSkipped() throws InterruptedException {
        Handoff handoff = new Handoff(100);
        FeedProcessor processor = processor(handoff, false);

        processor.onMessage("{\"stream\":\"nknusdt@aggTrade\",\"data\":{\"e\":\"aggTr", 1L);
        processor.onMessage("not json at all", 2L);
        processor.onMessage(TRADE.replace("NKNUSDT", "BTCUSDT"), 3L); // a symbol this connection does not follow
        processor.onMessage(TRADE, 4L);

        assertThat(metrics.count(BinanceSourceMetrics.PARSE_ERRORS)).isEqualTo(3);
        assertThat(HandoffDrain.drain(handoff)).singleElement().satisfies(e -> assertThat(e.isTrade()).isTrue());
    }

    /** A well-formed stream the job does not consume is counted apart from garbage, and costs nothing else. */
    @Test
    void unsupportedStreamsAreCountedApartFromParseErrors() throws InterruptedException {
        Handoff handoff = new Handoff(100);
        FeedProcessor processor = processor(handoff, false);

        processor.onMessage("{\"stream\":\"nknusdt@kline_1m\",\"data\":{\"e\":\"kline\",\"k\":{}}}", 1L);
        processor.onMessage("{\"stream\":\"nknusdt@markPrice@1s\",\"data\":{\"e\":\"markPriceUpdate\"}}", 2L);
        processor.onMessage("{\"e\":\"markPriceUpdate\",\"s\":\"NKNUSDT\"}", 3L);
        processor.onMessage(TRADE, 4L);

        assertThat(metrics.count(BinanceSourceMetrics.UNSUPPORTED)).isEqualTo(3);
        assertThat(metrics.count(BinanceSourceMetrics.PARSE_ERRORS)).isZero();
        assertThat(HandoffDrain.drain(handoff)).singleElement().satisfies(e -> assertThat(e.isTrade()).isTrue());
    }

    @Test
    void partialBooksAreConflatedWhileTheHandoffIsFull() throws InterruptedException {
        Handoff handoff = new Handoff(2);
        FeedProcessor processor = processor(handoff, false);

        for (int id = 1; id <= 5; id++) {
            processor.onMessage(BOOK.formatted(id), id);
        }

        assertThat(HandoffDrain.drain(handoff)).hasSize(2);
        assertThat(metrics.count(BinanceSourceMetrics.DEPTH_FRAMES_DROPPED)).isEqualTo(3);
    }

    @Test
    void subscribeAnswersGoToTheConnection() {
        FeedProcessor processor = processor(new Handoff(10), false);

        processor.onMessage("{\"result\":null,\"id\":7}", 1L);
        processor.onMessage("{\"error\":{\"code\":2,\"msg\":\"Invalid request\"},\"id\":8}", 2L);

        assertThat(methodResults).hasSize(2);
        assertThat(methodResults.get(0)).isEqualTo("7:null");
        assertThat(methodResults.get(1)).startsWith("8:").contains("Invalid request");
    }

    @Test
    void theStreamIsReadOffTheHeadOfACombinedMessage() {
        assertThat(FeedProcessor.streamOf(TRADE)).isEqualTo("nknusdt@aggTrade");
        assertThat(FeedProcessor.streamOf("{\"result\":null,\"id\":1}")).isEmpty();
        assertThat(FeedProcessor.streamOf("{\"stream\":\"trunc")).isEmpty();
    }

    private FeedProcessor processor(Handoff handoff, boolean capture) {
        BinanceSource source = BinanceSource.builder()
                .symbols(List.of("NKNUSDT"))
                .streams(StreamKind.AGG_TRADE, StreamKind.PARTIAL_DEPTH)
                .bookLevels(5)
                .capture(capture)
                .build();
        BinanceSplit split = source.initialSplits().get(0);
        BinanceRestClient rest = new BinanceRestClient(HttpClient.newHttpClient(), "http://127.0.0.1:9", MarketType.SPOT,
                Duration.ofSeconds(1), 1);
        FeedProcessor processor = new FeedProcessor(split, source.config(), rest, new SplitOutput(split.splitId(), handoff),
                metrics, (id, error) -> methodResults.add(id + ":" + error));
        processor.connectionOpened();
        return processor;
    }
}

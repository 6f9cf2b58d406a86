package io.orderflow.testkit.loopback;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.market.SymbolProfile;
import io.orderflow.core.model.TakerSide;
import io.orderflow.core.model.Trade;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Renders one symbol's messages exactly as Binance puts them on the wire: field names and order,
 * numbers as fixed-decimal strings (spot always 8 decimals, "61837.63000000"; futures the symbol's
 * tick and lot precision, "7.6110", "813"), spot-only and futures-only fields, and coin-M's pair
 * ({@code ps}, {@code pair}) in the order of cryptofeed's real coin-M recording.
 */
final class BinanceWire {

    /**
     * Binance numbers raw trades apart from aggregate trades; the offset keeps the two id spaces
     * visibly different, so a client that mixes them up fails its tests.
     */
    static final long TRADE_ID_OFFSET = 1_000_000_000L;

    private static final int SPOT_DECIMALS = 8;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MarketType market;
    private final String symbol;
    /** Coin-M's pair: the symbol without its contract suffix ({@code BTCUSD} for {@code BTCUSD_PERP}). */
    private final String pair;
    private final int priceDecimals;
    private final int qtyDecimals;

    BinanceWire(MarketType market, String symbol) {
        this.market = market;
        this.symbol = symbol;
        int suffix = symbol.indexOf('_');
        this.pair = suffix < 0 ? symbol : symbol.substring(0, suffix);
        SymbolProfile profile = SymbolProfile.forSymbol(symbol);
        this.priceDecimals = spot() ? SPOT_DECIMALS : profile.priceDecimals();
        this.qtyDecimals = spot() ? SPOT_DECIMALS : profile.qtyDecimals();
    }

    String aggTrade(Trade trade) {
        ObjectNode node = NODES.objectNode().put("e", "aggTrade").put("E", trade.eventTimeMs());
        if (spot()) {
            node.put("s", symbol).put("a", trade.tradeId());
        } else {
            node.put("a", trade.tradeId()).put("s", symbol);
        }
        return putTradeBody(node, trade).toString();
    }

    String trade(Trade trade) {
        ObjectNode node = NODES.objectNode().put("e", "trade").put("E", trade.eventTimeMs());
        if (!spot()) {
            node.put("T", trade.tradeTimeMs());
        }
        node.put("s", symbol)
                .put("t", trade.tradeId() + TRADE_ID_OFFSET)
                .put("p", price(trade.price()))
                .put("q", qty(trade.qty()));
        if (spot()) {
            node.put("T", trade.tradeTimeMs());
        } else {
            node.put("X", "MARKET");
        }
        return putMakerFlags(node, trade).toString();
    }

    String bookTicker(long updateId, long eventTimeMs, long transactTimeMs, Level bid, Level ask) {
        ObjectNode node = NODES.objectNode();
        if (coinm()) {
            node.put("u", updateId).put("e", "bookTicker").put("s", symbol).put("ps", pair);
        } else {
            if (!spot()) {
                node.put("e", "bookTicker");
            }
            node.put("u", updateId).put("s", symbol);
        }
        node.put("b", price(bid.price()))
                .put("B", qty(bid.qty()))
                .put("a", price(ask.price()))
                .put("A", qty(ask.qty()));
        if (!spot()) {
            node.put("T", transactTimeMs).put("E", eventTimeMs);
        }
        return node.toString();
    }

    /** A {@code depthUpdate}: the diff's levels (futures with {@code pu}). */
    String depthUpdate(long eventTimeMs, BookDiff diff, long previousUpdateId) {
        return depthEvent(eventTimeMs, diff, previousUpdateId, diff.levels()).toString();
    }

    /**
     * A partial book ({@code @depth5/10/20}): spot sends the bare top levels, futures a
     * {@code depthUpdate} carrying them with the ids of the diff window they close.
     */
    String partialDepth(long eventTimeMs, BookDiff diff, long previousUpdateId, BookLevels top) {
        if (spot()) {
            return putBook(NODES.objectNode().put("lastUpdateId", diff.lastUpdateId()), top).toString();
        }
        return depthEvent(eventTimeMs, diff, previousUpdateId, top).toString();
    }

    /** REST depth: {@code lastUpdateId}, futures also {@code E} and {@code T}, coin-M the pair, and the levels. */
    String snapshot(long lastUpdateId, long eventTimeMs, long transactTimeMs, BookLevels levels) {
        ObjectNode node = NODES.objectNode().put("lastUpdateId", lastUpdateId);
        if (!spot()) {
            node.put("E", eventTimeMs).put("T", transactTimeMs);
        }
        if (coinm()) {
            node.put("symbol", symbol).put("pair", pair);
        }
        return putBook(node, levels).toString();
    }

    /** REST {@code aggTrades}: the stream's fields without event type, event time or symbol. */
    String aggTradesPage(List<Trade> trades) {
        ArrayNode page = NODES.arrayNode();
        for (Trade trade : trades) {
            page.add(putTradeBody(NODES.objectNode().put("a", trade.tradeId()), trade));
        }
        return page.toString();
    }

    private ObjectNode depthEvent(long eventTimeMs, BookDiff diff, long previousUpdateId, BookLevels levels) {
        ObjectNode node = NODES.objectNode().put("e", "depthUpdate").put("E", eventTimeMs);
        if (!spot()) {
            node.put("T", diff.transactTimeMs());
        }
        node.put("s", symbol);
        if (coinm()) {
            node.put("ps", pair);
        }
        node.put("U", diff.firstUpdateId()).put("u", diff.lastUpdateId());
        if (!spot()) {
            node.put("pu", previousUpdateId);
        }
        node.set("b", levels(levels.bids()));
        node.set("a", levels(levels.asks()));
        return node;
    }

    /** One aggregate trade is one taker order's fill at one price: a single raw trade here. */
    private ObjectNode putTradeBody(ObjectNode node, Trade trade) {
        long rawId = trade.tradeId() + TRADE_ID_OFFSET;
        node.put("p", price(trade.price()))
                .put("q", qty(trade.qty()))
                .put("f", rawId)
                .put("l", rawId)
                .put("T", trade.tradeTimeMs());
        return putMakerFlags(node, trade);
    }

    /** {@code m}: the buyer was the maker, i.e. the taker sold; spot adds the obsolete {@code M}. */
    private ObjectNode putMakerFlags(ObjectNode node, Trade trade) {
        node.put("m", trade.takerSide() == TakerSide.SELL);
        if (spot()) {
            node.put("M", true);
        }
        return node;
    }

    private ObjectNode putBook(ObjectNode node, BookLevels levels) {
        node.set("bids", levels(levels.bids()));
        node.set("asks", levels(levels.asks()));
        return node;
    }

    private ArrayNode levels(List<Level> levels) {
        ArrayNode array = NODES.arrayNode();
        for (Level level : levels) {
            array.addArray().add(price(level.price())).add(qty(level.qty()));
        }
        return array;
    }

    private String price(double price) {
        return fixed(price, priceDecimals);
    }

    private String qty(double qty) {
        return fixed(qty, qtyDecimals);
    }

    private static String fixed(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    private boolean spot() {
        return market == MarketType.SPOT;
    }

    private boolean coinm() {
        return market == MarketType.COINM;
    }
}

package io.orderflow.testkit.loopback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.core.exchange.binance.MarketType;
import io.orderflow.core.exchange.binance.wire.StreamName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Binance's WebSocket control messages: {@code SUBSCRIBE}, {@code UNSUBSCRIBE} and
 * {@code LIST_SUBSCRIPTIONS}, answered {@code {"result":..,"id":..}} or
 * {@code {"error":{"code":..,"msg":..},"id":..}}.
 */
final class ControlProtocol {

    /**
     * The answer, and the change it acknowledges: applied only after the answer is sent, so a
     * client always sees the acknowledgement before the first message of a new stream.
     */
    record Reply(String json, Runnable effect) {

        static Reply of(String json) {
            return new Reply(json, () -> {});
        }
    }

    private static final int INVALID_REQUEST = 2;
    private static final int INVALID_JSON = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MarketType market;
    private final Set<String> symbols;

    ControlProtocol(MarketType market, Set<String> symbols) {
        this.market = market;
        this.symbols = symbols;
    }

    Reply handle(String text, ClientSession session) {
        JsonNode request;
        try {
            request = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return Reply.of(error(INVALID_JSON, "Invalid JSON: " + e.getOriginalMessage(), NullNode.instance));
        }
        if (request == null || !request.isObject()) {
            return Reply.of(error(INVALID_JSON, "Invalid JSON: expected an object", NullNode.instance));
        }
        JsonNode id = request.path("id");
        if (!(id.isIntegralNumber() || id.isTextual() || id.isMissingNode() || id.isNull())) {
            return Reply.of(error(INVALID_REQUEST, "Invalid request: request ID must be an unsigned integer", id));
        }
        String method = request.path("method").asText("");
        try {
            return switch (method) {
                case "SUBSCRIBE" -> {
                    List<StreamName> streams = streams(request);
                    yield new Reply(result(NullNode.instance, id), () -> session.subscribe(streams));
                }
                case "UNSUBSCRIBE" -> {
                    List<StreamName> streams = streams(request);
                    yield new Reply(result(NullNode.instance, id), () -> session.unsubscribe(streams));
                }
                case "LIST_SUBSCRIPTIONS" -> Reply.of(result(JSON.valueToTree(session.subscriptions()), id));
                default -> Reply.of(error(INVALID_REQUEST, "Invalid request: unknown method '" + method + "'", id));
            };
        } catch (IllegalArgumentException e) {
            return Reply.of(error(INVALID_REQUEST, "Invalid request: " + e.getMessage(), id));
        }
    }

    private List<StreamName> streams(JsonNode request) {
        JsonNode params = request.path("params");
        if (!params.isArray() || params.isEmpty()) {
            throw new IllegalArgumentException("params must be a non-empty array of stream names");
        }
        List<StreamName> streams = new ArrayList<>();
        for (JsonNode param : params) {
            if (!param.isTextual()) {
                throw new IllegalArgumentException("stream names must be strings");
            }
            streams.add(Endpoint.stream(param.asText(), market, symbols));
        }
        return streams;
    }

    private static String result(JsonNode result, JsonNode id) {
        ObjectNode reply = JSON.createObjectNode();
        reply.set("result", result);
        reply.set("id", orNull(id));
        return reply.toString();
    }

    private static String error(int code, String message, JsonNode id) {
        ObjectNode reply = JSON.createObjectNode();
        reply.putObject("error").put("code", code).put("msg", message);
        reply.set("id", orNull(id));
        return reply.toString();
    }

    private static JsonNode orNull(JsonNode id) {
        return id.isMissingNode() ? NullNode.instance : id;
    }
}

package io.orderflow.core.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * Builds the {@code meta_json} of an {@code events} row: the figures behind the event, as one JSON
 * object. Events are rare, so building a small tree per event costs nothing that matters; a
 * non-finite number is written as {@code null}, keeping the text valid JSON.
 */
public final class MetaJson {

    private final ObjectNode node = JsonNodeFactory.instance.objectNode();

    private MetaJson() {}

    public static MetaJson of(String symbol) {
        return new MetaJson().put("symbol", symbol);
    }

    public MetaJson put(String key, String value) {
        node.put(key, value);
        return this;
    }

    public MetaJson put(String key, long value) {
        node.put(key, value);
        return this;
    }

    public MetaJson put(String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
        return this;
    }

    /** The values as a JSON array of strings. */
    public MetaJson put(String key, Collection<String> values) {
        ArrayNode array = node.putArray(key);
        values.forEach(array::add);
        return this;
    }

    @Override
    public String toString() {
        return node.toString();
    }
}

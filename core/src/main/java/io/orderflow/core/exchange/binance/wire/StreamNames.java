package io.orderflow.core.exchange.binance.wire;

import io.orderflow.core.exchange.binance.MalformedMessageException;

/**
 * The stream names a connection has seen, each taken apart once: every combined-stream message
 * repeats its stream's name, and looking it up straight from the parser's characters spares a
 * {@code String} per message. A small direct-mapped table: a collision only costs a re-parse. Not
 * thread-safe.
 */
public final class StreamNames {

    private static final int SLOTS = 256; // a connection carries at most 1024 streams, usually a handful

    private final StreamName[] slots = new StreamName[SLOTS];

    /** The stream named by {@code chars[offset, offset + length)}. */
    public StreamName lookup(char[] chars, int offset, int length) throws MalformedMessageException {
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + chars[i]; // String.hashCode's, so both lookups share slots
        }
        StreamName cached = slots[slot(hash)];
        if (cached != null && sameName(cached.name(), chars, offset, length)) {
            return cached;
        }
        return store(new String(chars, offset, length));
    }

    public StreamName lookup(String name) throws MalformedMessageException {
        StreamName cached = slots[slot(name.hashCode())];
        return cached != null && cached.name().equals(name) ? cached : store(name);
    }

    private StreamName store(String name) throws MalformedMessageException {
        StreamName stream = StreamName.parse(name);
        slots[slot(name.hashCode())] = stream;
        return stream;
    }

    private static boolean sameName(String name, char[] chars, int offset, int length) {
        if (name.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (name.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }
}

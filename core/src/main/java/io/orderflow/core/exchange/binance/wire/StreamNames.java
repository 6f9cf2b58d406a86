package io.orderflow.core.exchange.binance.wire;

import io.orderflow.core.exchange.binance.MalformedMessageException;

/**
 * The stream names a connection has seen, each taken apart once: every combined-stream message
 * repeats its stream's name, and looking it up straight from the parser's characters spares a
 * {@code String} per message. An open-addressing table that grows with the names, so that a
 * connection's every stream keeps its entry: a direct-mapped table of 256 slots lost about a
 * third of a 200-stream connection's names to collisions, and each of their messages went through
 * {@link StreamName#parse} (a regular expression) again. Past {@link #MAX_NAMES} (names no
 * connection carries: bad input) it starts afresh. Not thread-safe.
 */
public final class StreamNames {

    /** Binance allows 1,024 streams per connection. */
    static final int MAX_NAMES = 4_096;
    private static final int INITIAL_SLOTS = 64;

    private StreamName[] slots = new StreamName[INITIAL_SLOTS];
    private int size;

    /** The stream named by {@code chars[offset, offset + length)}. */
    public StreamName lookup(char[] chars, int offset, int length) throws MalformedMessageException {
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + chars[i]; // String.hashCode's, so both lookups share slots
        }
        for (int slot = slot(hash, slots.length); slots[slot] != null; slot = (slot + 1) & (slots.length - 1)) {
            if (sameName(slots[slot].name(), chars, offset, length)) {
                return slots[slot];
            }
        }
        return store(new String(chars, offset, length));
    }

    public StreamName lookup(String name) throws MalformedMessageException {
        for (int slot = slot(name.hashCode(), slots.length); slots[slot] != null;
                slot = (slot + 1) & (slots.length - 1)) {
            if (slots[slot].name().equals(name)) {
                return slots[slot];
            }
        }
        return store(name);
    }

    /** Names held now. */
    int size() {
        return size;
    }

    private StreamName store(String name) throws MalformedMessageException {
        StreamName stream = StreamName.parse(name); // a malformed name is not kept
        if (size == MAX_NAMES) {
            slots = new StreamName[INITIAL_SLOTS];
            size = 0;
        } else if (2 * (size + 1) > slots.length) {
            StreamName[] old = slots;
            slots = new StreamName[2 * old.length];
            for (StreamName kept : old) {
                if (kept != null) {
                    insert(slots, kept);
                }
            }
        }
        insert(slots, stream);
        size++;
        return stream;
    }

    /** At most half full, so a free slot is always near. */
    private static void insert(StreamName[] table, StreamName stream) {
        int slot = slot(stream.name().hashCode(), table.length);
        while (table[slot] != null) {
            slot = (slot + 1) & (table.length - 1);
        }
        table[slot] = stream;
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

    private static int slot(int hash, int length) {
        return (hash ^ (hash >>> 16)) & (length - 1);
    }
}

package io.orderflow.tools.dq;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the report takes from a Parquet file's footer: its rows, its key-value metadata and its
 * schema, from the footer's bytes alone. A harvest has a file per kind, symbol and checkpoint
 * (44,280 over 72 hours and two symbols), and the usual ways cost several times more per file:
 * DuckDB's {@code parquet_kv_metadata} and {@code parquet_file_metadata} open each file as a reader
 * to scan, and parquet-format's Thrift classes read a stream a byte per call and make an object of
 * every field, where this walks the footer's bytes in place and steps over what it does not need.
 *
 * @param schema the schema as encoded in the footer: files whose bytes are equal share one schema
 */
record ParquetFooter(long rows, Map<String, String> keyValues, ByteBuffer schema) {

    private static final String MAGIC = "PAR1";
    private static final int TAIL = 8; // the footer's length (4 bytes, little-endian), then the magic

    /** The footers of {@code files}, read in parallel. */
    static Map<Path, ParquetFooter> readAll(Collection<Path> files) throws IOException {
        try {
            return files.parallelStream().collect(Collectors.toMap(file -> file, file -> {
                try {
                    return read(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static ParquetFooter read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return new FileMetaDataReader(footer(channel)).read();
        } catch (IndexOutOfBoundsException e) {
            throw new IOException(file + ": a damaged footer, which ends before its last field", e);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The footer's bytes, which end where their length and the magic do. */
    private static byte[] footer(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size >= MAGIC.length() + TAIL) {
            ByteBuffer tail = read(channel, size - TAIL, TAIL).order(ByteOrder.LITTLE_ENDIAN);
            int length = tail.getInt(0);
            if (MAGIC.equals(new String(tail.array(), 4, 4, StandardCharsets.US_ASCII))
                    && length > 0 && length <= size - MAGIC.length() - TAIL) {
                return read(channel, size - TAIL - length, length).array();
            }
        }
        throw new IOException("not a Parquet file (no footer ending in " + MAGIC + ")");
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException();
            }
        }
        return buffer.flip();
    }

    /**
     * Reads a footer's FileMetaData, a struct of parquet.thrift in Thrift's compact protocol
     * (github.com/apache/thrift, doc/specs/thrift-compact-protocol.md): the row count, the key-value
     * pairs and the schema's bytes; every other field, the row groups above all, is skipped unread.
     */
    private static final class FileMetaDataReader {

        // Field ids of parquet.thrift's FileMetaData and KeyValue.
        private static final int SCHEMA = 2;
        private static final int NUM_ROWS = 3;
        private static final int KEY_VALUE_METADATA = 5;
        private static final int KEY = 1;
        private static final int VALUE = 2;

        // The compact protocol's types.
        private static final int STOP = 0;
        private static final int BOOLEAN_TRUE = 1;
        private static final int BOOLEAN_FALSE = 2;
        private static final int BYTE = 3;
        private static final int I16 = 4;
        private static final int I32 = 5;
        private static final int I64 = 6;
        private static final int DOUBLE = 7;
        private static final int BINARY = 8;
        private static final int LIST = 9;
        private static final int SET = 10;
        private static final int MAP = 11;
        private static final int STRUCT = 12;

        private final byte[] bytes;
        private int position;

        FileMetaDataReader(byte[] bytes) {
            this.bytes = bytes;
        }

        ParquetFooter read() throws IOException {
            long rows = 0;
            ByteBuffer schema = ByteBuffer.allocate(0);
            Map<String, String> keyValues = new HashMap<>();
            int id = 0;
            for (int header = next(); header != STOP; header = next()) {
                id = fieldId(header, id);
                int type = header & 0x0f;
                if (id == NUM_ROWS && type == I64) {
                    rows = zigzag();
                } else if (id == SCHEMA && type == LIST) {
                    int start = position;
                    skip(type);
                    schema = ByteBuffer.wrap(Arrays.copyOfRange(bytes, start, position));
                } else if (id == KEY_VALUE_METADATA && type == LIST) {
                    for (long entries = listSize(STRUCT); entries > 0; entries--) {
                        keyValue(keyValues);
                    }
                } else {
                    skip(type);
                }
            }
            return new ParquetFooter(rows, keyValues, schema);
        }

        private void keyValue(Map<String, String> keyValues) throws IOException {
            String key = null;
            String value = null;
            int id = 0;
            for (int header = next(); header != STOP; header = next()) {
                id = fieldId(header, id);
                int type = header & 0x0f;
                if (id == KEY && type == BINARY) {
                    key = string();
                } else if (id == VALUE && type == BINARY) {
                    value = string();
                } else {
                    skip(type);
                }
            }
            keyValues.put(key, value);
        }

        /** A field header's id: the previous one's plus the header's delta, or, with no delta, a zigzag i16 after it. */
        private int fieldId(int header, int previous) {
            int delta = header >>> 4;
            return delta == 0 ? (int) zigzag() : previous + delta;
        }

        /** A list header's element count, checking its element type. */
        private long listSize(int elementType) throws IOException {
            int header = next();
            if ((header & 0x0f) != elementType) {
                throw new IOException("a list of type " + (header & 0x0f) + " where " + elementType + " was expected");
            }
            long size = header >>> 4;
            return size == 15 ? varint() : size;
        }

        private void skip(int type) throws IOException {
            switch (type) {
                case BOOLEAN_TRUE, BOOLEAN_FALSE -> { } // a field's value is in its header's type
                case BYTE -> position++;
                case I16, I32, I64 -> varint();
                case DOUBLE -> position += 8;
                case BINARY -> {
                    int length = length(); // first: reading the length moves position past it
                    position += length;
                }
                case LIST, SET -> {
                    int header = next();
                    long size = header >>> 4 == 15 ? varint() : header >>> 4;
                    for (long i = 0; i < size; i++) {
                        skipElement(header & 0x0f);
                    }
                }
                case MAP -> {
                    long size = varint();
                    int types = size > 0 ? next() : 0;
                    for (long i = 0; i < size; i++) {
                        skipElement(types >>> 4);
                        skipElement(types & 0x0f);
                    }
                }
                case STRUCT -> {
                    int id = 0;
                    for (int header = next(); header != STOP; header = next()) {
                        id = fieldId(header, id);
                        skip(header & 0x0f);
                    }
                }
                default -> throw new IOException("unknown Thrift type " + type + " at byte " + position);
            }
        }

        /** A boolean in a list or a map takes a byte of its own, unlike a boolean field. */
        private void skipElement(int type) throws IOException {
            if (type == BOOLEAN_TRUE || type == BOOLEAN_FALSE) {
                position++;
            } else {
                skip(type);
            }
        }

        private int next() {
            return bytes[position++] & 0xff;
        }

        private long varint() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                int b = next();
                value |= (long) (b & 0x7f) << shift;
                if (b < 0x80) {
                    return value;
                }
            }
        }

        private long zigzag() {
            long n = varint();
            return (n >>> 1) ^ -(n & 1);
        }

        private String string() throws IOException {
            int length = length();
            String s = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return s;
        }

        /** A binary's length, which must fit in what is left of the footer. */
        private int length() throws IOException {
            long length = varint();
            if (length > bytes.length - position) {
                throw new IOException("a length of " + length + " bytes at byte " + position + ", past the footer's end");
            }
            return (int) length;
        }
    }
}

package io.orderflow.job.sink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

/**
 * Appends the row groups of one Parquet file to a copy of another so that the copy begins with every
 * byte of the original, its footer included: a new footer after the new row groups lists the old
 * row groups where they are and the new ones after them.
 *
 * <p>Why keep the old footer: a reader may learn a file's size when it lists the directory and read it
 * later (DuckDB does). If the file was replaced by its next version meanwhile, the reader reads the
 * first {@code size} bytes of the new version, which are exactly the old version, and sees that one
 * whole. Any other rewrite would hand it a torn file. The cost is the old footers left in the file,
 * until {@link HourlyPublisher} seals the hour.
 */
final class ParquetAppend {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private ParquetAppend() {}

    /** Writes {@code target}: {@code base} byte for byte, then {@code extra}'s row groups and a footer with {@code keyValues}. */
    static void append(Path base, Path extra, Path target, Map<String, String> keyValues) throws IOException {
        FileMetaData baseFooter = footer(base);
        FileMetaData extraFooter = footer(extra);
        long[] span = dataSpan(extraFooter);
        long shift = Files.size(base) - span[0];

        Files.copy(base, target, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                FileChannel in = FileChannel.open(extra, StandardOpenOption.READ)) {
            long copied = 0;
            while (copied < span[1] - span[0]) {
                copied += in.transferTo(span[0] + copied, span[1] - span[0] - copied, out);
            }
            List<RowGroup> rowGroups = new ArrayList<>(baseFooter.getRow_groups());
            for (RowGroup rowGroup : extraFooter.getRow_groups()) {
                rowGroups.add(moved(rowGroup, shift, rowGroups.size()));
            }
            FileMetaData footer = baseFooter.deepCopy()
                    .setRow_groups(rowGroups)
                    .setNum_rows(baseFooter.getNum_rows() + extraFooter.getNum_rows())
                    .setKey_value_metadata(keyValues.entrySet().stream()
                            .map(entry -> new KeyValue(entry.getKey()).setValue(entry.getValue()))
                            .toList());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Util.writeFileMetaData(footer, bytes);
            ByteBuffer tail = ByteBuffer.allocate(bytes.size() + 8).order(ByteOrder.LITTLE_ENDIAN);
            tail.put(bytes.toByteArray()).putInt(bytes.size()).put(MAGIC).flip();
            while (tail.hasRemaining()) {
                out.write(tail);
            }
            out.force(true);
        }
    }

    /** The file's footer, read from its tail. */
    static FileMetaData footer(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(in, tail, size - 8);
            int length = tail.getInt(0);
            if (size < 12 + length || tail.get(4) != MAGIC[0] || tail.get(7) != MAGIC[3]) {
                throw new IOException("not a Parquet file: " + file);
            }
            ByteBuffer footer = ByteBuffer.allocate(length);
            readFully(in, footer, size - 8 - length);
            return Util.readFileMetaData(new ByteArrayInputStream(footer.array()));
        }
    }

    /** From the first page of the first column chunk to the end of the last: the row groups' bytes. */
    private static long[] dataSpan(FileMetaData footer) {
        long start = Long.MAX_VALUE;
        long end = 0;
        for (RowGroup rowGroup : footer.getRow_groups()) {
            for (ColumnChunk chunk : rowGroup.getColumns()) {
                ColumnMetaData column = chunk.getMeta_data();
                long first = column.isSetDictionary_page_offset() && column.getDictionary_page_offset() > 0
                        ? Math.min(column.getDictionary_page_offset(), column.getData_page_offset())
                        : column.getData_page_offset();
                start = Math.min(start, first);
                end = Math.max(end, first + column.getTotal_compressed_size());
            }
        }
        return new long[] {start, end};
    }

    /**
     * The row group at its new place. Its page indexes and bloom filters stay behind (they sit after
     * the row groups, and their entries hold offsets of their own): readers do without them.
     */
    private static RowGroup moved(RowGroup rowGroup, long shift, int ordinal) {
        RowGroup moved = rowGroup.deepCopy();
        if (moved.isSetFile_offset() && moved.getFile_offset() > 0) {
            moved.setFile_offset(moved.getFile_offset() + shift);
        }
        if (moved.isSetOrdinal()) {
            moved.setOrdinal((short) ordinal);
        }
        for (ColumnChunk chunk : moved.getColumns()) {
            if (chunk.getFile_offset() > 0) {
                chunk.setFile_offset(chunk.getFile_offset() + shift);
            }
            chunk.unsetColumn_index_offset();
            chunk.unsetColumn_index_length();
            chunk.unsetOffset_index_offset();
            chunk.unsetOffset_index_length();
            ColumnMetaData column = chunk.getMeta_data();
            column.setData_page_offset(column.getData_page_offset() + shift);
            if (column.isSetDictionary_page_offset()) {
                column.setDictionary_page_offset(column.getDictionary_page_offset() + shift);
            }
            if (column.isSetIndex_page_offset()) {
                column.setIndex_page_offset(column.getIndex_page_offset() + shift);
            }
            column.unsetBloom_filter_offset();
            column.unsetBloom_filter_length();
        }
        return moved;
    }

    private static void readFully(FileChannel in, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (in.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
    }
}

package io.orderflow.client;

/**
 * A row or message that cannot be decoded: a required field missing, a field of the wrong type, a
 * malformed message. It names the field; the caller counts the row and skips it.
 */
public final class RowFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    RowFormatException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field at fault, or null when the row as a whole is (not an object, not JSON). */
    public String field() {
        return field;
    }
}

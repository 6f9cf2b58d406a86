package io.orderflow.client;

/**
 * Shares the strings rows repeat (symbols, streams, regimes, event types): a text already seen is
 * returned without a new String. A small ring, compared character by character with the parser's buffer
 * (as core's {@code PlainJsonParser} compares names: the client may not depend on core).
 */
final class TextCache {

    private final String[] texts = new String[64];
    private int next;

    String of(char[] chars, int offset, int length) {
        for (String text : texts) {
            if (text != null && matches(text, chars, offset, length)) {
                return text;
            }
        }
        String text = new String(chars, offset, length);
        texts[next] = text;
        next = (next + 1) % texts.length;
        return text;
    }

    private static boolean matches(String text, char[] chars, int offset, int length) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}

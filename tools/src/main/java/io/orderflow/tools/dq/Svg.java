package io.orderflow.tools.dq;

import java.util.Locale;

/**
 * An inline SVG drawing written as text, for the HTML report: every text and attribute value is
 * escaped, and coordinates keep one decimal at most, which keeps a 72-hour report small.
 */
final class Svg {

    private final StringBuilder out = new StringBuilder();

    /** An {@code <svg>} of {@code width}×{@code height} px; {@code attributes} are name, value pairs. */
    Svg(double width, double height, String cssClass, String label, String... attributes) {
        out.append("<svg class=\"").append(escape(cssClass)).append("\" width=\"").append(number(width))
                .append("\" height=\"").append(number(height)).append("\" viewBox=\"0 0 ").append(number(width))
                .append(' ').append(number(height)).append("\" role=\"img\" aria-label=\"").append(escape(label)).append('"');
        attributes(attributes);
        out.append('>');
    }

    Svg rect(double x, double y, double width, double height, String cssClass, String... attributes) {
        return rectWithTitle(x, y, width, height, null, cssClass, attributes);
    }

    /** A rectangle whose {@code title} shows on hover (null for none). */
    Svg rectWithTitle(double x, double y, double width, double height, String title, String cssClass,
            String... attributes) {
        out.append("<rect class=\"").append(escape(cssClass)).append("\" x=\"").append(number(x)).append("\" y=\"")
                .append(number(y)).append("\" width=\"").append(number(Math.max(0, width))).append("\" height=\"")
                .append(number(Math.max(0, height))).append('"');
        attributes(attributes);
        if (title == null) {
            out.append("/>");
        } else {
            out.append("><title>").append(escape(title)).append("</title></rect>");
        }
        return this;
    }

    /** Text anchored at {@code anchor}: start, middle or end. */
    Svg text(double x, double y, String anchor, String cssClass, String text) {
        out.append("<text x=\"").append(number(x)).append("\" y=\"").append(number(y)).append('"');
        if (!anchor.equals("start")) {
            out.append(" text-anchor=\"").append(anchor).append('"');
        }
        if (cssClass != null) {
            out.append(" class=\"").append(escape(cssClass)).append('"');
        }
        out.append('>').append(escape(text)).append("</text>");
        return this;
    }

    Svg line(double x1, double y1, double x2, double y2, String cssClass) {
        out.append("<line class=\"").append(escape(cssClass)).append("\" x1=\"").append(number(x1)).append("\" y1=\"")
                .append(number(y1)).append("\" x2=\"").append(number(x2)).append("\" y2=\"").append(number(y2))
                .append("\"/>");
        return this;
    }

    /** A path: one element for many lines (a grid) instead of one each. */
    Svg path(String d, String cssClass) {
        out.append("<path class=\"").append(escape(cssClass)).append("\" d=\"").append(escape(d)).append("\"/>");
        return this;
    }

    /** The drawing, closed. */
    String end() {
        return out + "</svg>";
    }

    private void attributes(String... nameValues) {
        for (int i = 0; i < nameValues.length; i += 2) {
            out.append(' ').append(nameValues[i]).append("=\"").append(escape(nameValues[i + 1])).append('"');
        }
    }

    /** An integer as such, anything else with one decimal. */
    static String number(double value) {
        long rounded = Math.round(value * 10);
        return rounded % 10 == 0 ? Long.toString(rounded / 10) : String.format(Locale.ROOT, "%.1f", rounded / 10.0);
    }

    /** Text made safe for HTML and SVG, in element content and in quoted attributes alike. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}

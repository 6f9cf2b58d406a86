package io.orderflow.tools.dq;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the HTML report writes numbers and times: short, grouped, UTC. */
final class ReportFormat {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_HOUR = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private ReportFormat() {}

    /** 1,234,567 */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** 950, 1.2k, 34k, 5.6M: for labels on a chart. */
    static String compact(long n) {
        if (Math.abs(n) < 1_000) {
            return Long.toString(n);
        }
        String[] units = {"k", "M", "G"};
        double value = n;
        int unit = -1;
        while (Math.abs(value) >= 1_000 && unit < units.length - 1) {
            value /= 1_000;
            unit++;
        }
        boolean tenths = Math.abs(value) < 10 && Math.round(value * 10) % 10 != 0;
        return (tenths ? String.format(Locale.ROOT, "%.1f", value) : Long.toString(Math.round(value))) + units[unit];
    }

    /** A measured value to four significant digits, without trailing zeros: 0.01481, 9.1, 1104. */
    static String number(double value) {
        return BigDecimal.valueOf(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** A share as a percentage to two significant digits (0.0023 %, 4.4 %, 100 %); "–" for none. */
    static String percent(Double share) {
        if (share == null) {
            return "–";
        }
        BigDecimal p = BigDecimal.valueOf(100 * share);
        return (p.signum() == 0 ? "0" : p.round(new MathContext(2)).stripTrailingZeros().toPlainString()) + " %";
    }

    /** A value that may be missing: "–" then. */
    static String orDash(Object value) {
        return value == null ? "–" : value instanceof Long l ? count(l) : value.toString();
    }

    /** 2026-03-02 10:04 (UTC) */
    static String minute(long epochMs) {
        return MINUTE.format(Instant.ofEpochMilli(epochMs));
    }

    /** An ISO-8601 time of the report as {@link #minute}; "–" for none. */
    static String minute(String isoTime) {
        return isoTime == null ? "–" : minute(Instant.parse(isoTime).toEpochMilli());
    }

    /** 03-02 10:00 where a day starts (or {@code withDay}), else 10:00: axis labels. */
    static String hour(long epochMs, boolean withDay) {
        return (withDay || Math.floorMod(epochMs, 86_400_000L) == 0 ? DAY_HOUR : HOUR).format(Instant.ofEpochMilli(epochMs));
    }

    /** A length of time as 3 h 20 min, 45 min or 12 s. */
    static String duration(long ms) {
        long minutes = ms / 60_000;
        if (minutes == 0) {
            return ms / 1_000 + " s";
        }
        return minutes < 60 ? minutes + " min"
                : minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
}

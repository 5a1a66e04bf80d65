package dev.leadstore.base;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Request timestamps: any ISO-8601 date-time with a zone, or a plain date meaning midnight UTC,
 * written in years 0001 to 9999 (beyond those, no two systems agree on the arithmetic).
 */
public final class Timestamps {
    public static final String RULE = "must be an ISO-8601 date-time with a zone, or a date, in years 0001 to 9999";

    private Timestamps() {
    }

    /** The instant, or null when the text is not such a timestamp. */
    public static Instant parse(String text) {
        if (text == null || text.length() > 64) {
            return null;
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return inRange(time.getYear()) ? inRange(time.toInstant()) : null;
        } catch (DateTimeParseException e) {
            try {
                LocalDate date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
                return inRange(date.getYear()) ? date.atStartOfDay(ZoneOffset.UTC).toInstant() : null;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999Z");

    private static boolean inRange(int year) {
        return year >= 1 && year <= 9999;
    }

    /** Also in UTC: 9999-12-31T23:59:59-01:00 is in the year 10000 there, which no answer could print. */
    private static Instant inRange(Instant instant) {
        return instant.isBefore(FIRST) || instant.isAfter(LAST) ? null : instant;
    }
}

package eu.efgs.gateway.batching;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Download batch names: {@code yyyyMMdd-N}, UTC date, N from 1 each day, no padding (clients guess N+1). */
public final class BatchNames {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern NAME = Pattern.compile("(\\d{8})-([1-9]\\d{0,8})");

    private BatchNames() {
    }

    public static String tag(LocalDate date, int sequence) {
        return DAY.format(date) + "-" + sequence;
    }

    /** The date of a well-formed batch tag. */
    public static Optional<LocalDate> date(String tag) {
        Matcher matcher = NAME.matcher(tag == null ? "" : tag);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(matcher.group(1), DAY));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

package eu.efgs.gateway.dashboard;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** The UTC days the dashboard shows: the last {@link #DAYS} days, today included. */
public record Window(LocalDate from, LocalDate to) {

    public static final int DAYS = 14;

    public static Window endingToday(Clock clock) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return new Window(today.minusDays(DAYS - 1), today);
    }

    /** The days before the last one (they no longer change, but for rows in flight at midnight). */
    Window past() {
        return new Window(from, to.minusDays(1));
    }

    /** The last day alone: today. */
    Window last() {
        return new Window(to, to);
    }

    public List<LocalDate> days() {
        return from.datesUntil(to.plusDays(1)).toList();
    }

    /** Start of the first day, inclusive. */
    Timestamp start() {
        return Timestamp.from(from.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** Start of the day after the last, exclusive. */
    Timestamp end() {
        return Timestamp.from(to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
}

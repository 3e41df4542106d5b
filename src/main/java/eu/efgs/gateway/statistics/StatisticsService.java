package eu.efgs.gateway.statistics;

import eu.efgs.gateway.download.DownloadCounts;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Per country and UTC day: uploads and downloads with their key counts, from the statistics tables. */
@ApplicationScoped
public class StatisticsService {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DownloadCounts downloadCounts;

    private record Day(String country, LocalDate date) implements Comparable<Day> {
        @Override
        public int compareTo(Day other) {
            int byDate = date.compareTo(other.date);
            return byDate != 0 ? byDate : country.compareTo(other.country);
        }
    }

    private record Totals(long count, long keys, Timestamp last) {
    }

    /** Days from {@code from} to {@code to} inclusive; one country, or all when {@code country} is empty. */
    public List<DailyStatistics> daily(LocalDate from, LocalDate to, Optional<String> country) {
        try (Connection connection = dataSource.getConnection()) {
            downloadCounts.flush(); // this instance's downloads of the last second too
            Map<Day, Totals> uploads = totals(connection, "upload_statistics", "uploaded_at", "COUNT(*)", from, to,
                    country);
            Map<Day, Totals> downloads = totals(connection, "download_statistics", "requested_at", "SUM(downloads)",
                    from, to, country);
            TreeMap<Day, DailyStatistics> days = new TreeMap<>();
            for (Day day : union(uploads, downloads)) {
                Totals up = uploads.getOrDefault(day, new Totals(0, 0, null));
                Totals down = downloads.getOrDefault(day, new Totals(0, 0, null));
                days.put(day, new DailyStatistics(day.country(), day.date(), up.count(), up.keys(), instant(up.last()),
                        down.count(), down.keys(), instant(down.last())));
            }
            return new ArrayList<>(days.values());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read statistics", e);
        }
    }

    private static java.util.Set<Day> union(Map<Day, Totals> a, Map<Day, Totals> b) {
        java.util.Set<Day> all = new java.util.TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** {@code count} counts the events of a row: uploads are a row each, downloads are counted per second. */
    private static Map<Day, Totals> totals(Connection connection, String table, String time, String count,
                                           LocalDate from, LocalDate to, Optional<String> country)
            throws SQLException {
        String sql = "SELECT country, DATE(" + time + ") AS day, " + count + ", SUM(key_count), MAX(" + time + ") FROM "
                + table + " WHERE " + time + " >= ? AND " + time + " < ?"
                + (country.isPresent() ? " AND country = ?" : "")
                + " GROUP BY country, DATE(" + time + ")";
        Map<Day, Totals> totals = new TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setTimestamp(1, Timestamp.from(from.atStartOfDay().toInstant(ZoneOffset.UTC)));
            select.setTimestamp(2, Timestamp.from(to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
            if (country.isPresent()) {
                select.setString(3, country.get());
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    totals.put(new Day(rows.getString(1), rows.getObject(2, LocalDate.class)),
                            new Totals(rows.getLong(3), rows.getLong(4), rows.getTimestamp(5)));
                }
            }
        }
        return totals;
    }
}

package eu.efgs.gateway.dashboard;

import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The batches panel: download batches per day and upload-to-batch times, today read live, the days before from
 * {@link PastDays} (a day's times only depend on that day's uploads).
 */
@ApplicationScoped
public class Batches {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DashboardConfig config;

    @Inject
    Clock clock;

    private PastDays<List<BatchesPanel.Day>> pastDays;

    @PostConstruct
    void init() {
        pastDays = new PastDays<>(config.pastDaysTtl(), clock);
    }

    private record BatchDay(long batches, long keys, long maxKeys) {
        static final BatchDay NONE = new BatchDay(0, 0, 0);
    }

    public BatchesPanel read(Viewer viewer, Window window) {
        Window past = window.past();
        List<BatchesPanel.Day> days = new ArrayList<>(pastDays.get(viewer.only().orElse("*"), past,
                () -> days(viewer, past)));
        days.addAll(days(viewer, window.last()));
        long batches = days.stream().mapToLong(BatchesPanel.Day::batches).sum();
        long keys = days.stream().mapToLong(BatchesPanel.Day::keys).sum();
        return new BatchesPanel(window.from(), window.to(), batches, keys, days);
    }

    private List<BatchesPanel.Day> days(Viewer viewer, Window window) {
        try (Connection connection = dataSource.getConnection()) {
            Map<LocalDate, BatchDay> batches = batchDays(connection, window);
            Map<LocalDate, List<Long>> waits = uploadToBatchMillis(connection, window, viewer.only());
            List<BatchesPanel.Day> days = new ArrayList<>();
            for (LocalDate date : window.days()) {
                BatchDay day = batches.getOrDefault(date, BatchDay.NONE);
                Latency latency = Latency.of(waits.getOrDefault(date, List.of()));
                long perBatch = day.batches() == 0 ? 0 : Math.round((double) day.keys() / day.batches());
                days.add(new BatchesPanel.Day(date, day.batches(), day.keys(), perBatch, day.maxKeys(),
                        latency.count(), latency.medianSeconds(), latency.maxSeconds()));
            }
            return days;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read batches: " + e.getMessage(), e);
        }
    }

    private static Map<LocalDate, BatchDay> batchDays(Connection connection, Window window) throws SQLException {
        Map<LocalDate, BatchDay> days = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT batch_date, COUNT(*), SUM(key_count), "
                + "MAX(key_count) FROM download_batch WHERE batch_date BETWEEN ? AND ? GROUP BY batch_date")) {
            select.setObject(1, window.from());
            select.setObject(2, window.to());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    days.put(rows.getObject(1, LocalDate.class), new BatchDay(rows.getLong(2), rows.getLong(3),
                            rows.getLong(4)));
                }
            }
        }
        return days;
    }

    /** Per day of upload, how long each batched upload waited for its batch (computed by the database). */
    private static Map<LocalDate, List<Long>> uploadToBatchMillis(Connection connection, Window window,
                                                                  Optional<String> country) throws SQLException {
        Map<LocalDate, List<Long>> waits = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT DATE(u.uploaded_at), "
                + "TIMESTAMPDIFF(MICROSECOND, u.uploaded_at, b.created_at) DIV 1000 "
                + "FROM upload_batch u JOIN download_batch b ON b.id = u.download_batch_id "
                + "WHERE u.uploaded_at >= ? AND u.uploaded_at < ?"
                + (country.isPresent() ? " AND u.country = ?" : ""))) {
            select.setTimestamp(1, window.start());
            select.setTimestamp(2, window.end());
            if (country.isPresent()) {
                select.setString(3, country.get());
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    waits.computeIfAbsent(rows.getObject(1, LocalDate.class), day -> new ArrayList<>())
                            .add(Math.max(0, rows.getLong(2)));
                }
            }
        }
        return waits;
    }
}

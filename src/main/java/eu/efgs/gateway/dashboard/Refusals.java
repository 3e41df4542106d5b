package eu.efgs.gateway.dashboard;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The refusals panel, from the refusals the upload endpoint records (upload_refusal). */
@ApplicationScoped
public class Refusals {

    /** How many of the latest refusals the panel lists. */
    static final int RECENT = 10;

    @Inject
    AgroalDataSource dataSource;

    public RefusalsPanel read(Viewer viewer, Window window) {
        Optional<String> country = viewer.only();
        String where = " WHERE refused_at >= ? AND refused_at < ?" + (country.isPresent() ? " AND country = ?" : "");
        try (Connection connection = dataSource.getConnection()) {
            List<RefusalsPanel.Count> counts = new ArrayList<>();
            long total = 0;
            try (PreparedStatement select = prepare(connection, "SELECT country, code, COUNT(*), MAX(refused_at) "
                    + "FROM upload_refusal" + where + " GROUP BY country, code ORDER BY country, COUNT(*) DESC, code",
                    window, country); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    counts.add(new RefusalsPanel.Count(rows.getString(1), rows.getString(2), rows.getLong(3),
                            rows.getTimestamp(4).toInstant()));
                    total += rows.getLong(3);
                }
            }
            List<RefusalsPanel.Recent> recent = new ArrayList<>();
            try (PreparedStatement select = prepare(connection, "SELECT refused_at, country, batch_tag, code, status, "
                    + "first_finding FROM upload_refusal" + where + " ORDER BY refused_at DESC, id DESC LIMIT "
                    + RECENT, window, country); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    recent.add(new RefusalsPanel.Recent(rows.getTimestamp(1).toInstant(), rows.getString(2),
                            rows.getString(3), rows.getString(4), rows.getInt(5), rows.getString(6)));
                }
            }
            return new RefusalsPanel(window.from(), window.to(), total, counts, recent);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read refusals: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Window window,
                                             Optional<String> country) throws SQLException {
        PreparedStatement select = connection.prepareStatement(sql);
        select.setTimestamp(1, window.start());
        select.setTimestamp(2, window.end());
        if (country.isPresent()) {
            select.setString(3, country.get());
        }
        return select;
    }
}

package eu.efgs.gateway.testing;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Plain SQL against the test database, for asserting what was (not) stored. */
public final class Db {

    private Db() {
    }

    public static long count(AgroalDataSource dataSource, String sql, Object... args) {
        List<List<Object>> rows = query(dataSource, sql, args);
        return ((Number) rows.get(0).get(0)).longValue();
    }

    public static List<List<Object>> query(AgroalDataSource dataSource, String sql, Object... args) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                List<List<Object>> rows = new ArrayList<>();
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        row.add(result.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static int update(AgroalDataSource dataSource, String sql, Object... args) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Rows of all upload tables together: "nothing stored" means this does not change. */
    public static long uploadRows(AgroalDataSource dataSource) {
        return count(dataSource, "SELECT (SELECT COUNT(*) FROM upload_batch) + (SELECT COUNT(*) FROM diagnosis_key)"
                + " + (SELECT COUNT(*) FROM upload_statistics)");
    }
}

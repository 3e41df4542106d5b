package eu.efgs.gateway.benchmark;

import eu.efgs.gateway.quickstart.EmbeddedDatabase;
import eu.efgs.gateway.trust.CertificatePem;
import eu.efgs.gateway.trust.Seals;
import eu.efgs.gateway.trust.Thumbprints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A federation's worth of dashboard data written straight into the gateway's database (after its migrations ran):
 * for each of the countries and days, hourly uploads (statistics and upload rows, each in a batch made every 15
 * minutes), every country downloading every batch, a few refusals, a callback subscription per country (some
 * FAILING with a backlog) and an AUTHENTICATION and SIGNING certificate per country, sealed with the demo trust
 * anchor (some ending within 30 days). Rows are shaped like the gateway's own but carry no keys: the dashboard
 * reads statistics, batches and refusals, never keys.
 */
final class DashboardSeed {

    static final List<String> COUNTRIES = List.of("DE", "FR", "ES", "IT", "NL", "AT", "BE", "BG", "CY", "CZ", "DK",
            "EE", "FI", "GR", "HR", "HU", "IE", "LT", "LU", "LV", "MT", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI",
            "NO");
    private static final int UPLOADS_PER_DAY = 24;
    private static final int BATCH_MINUTES = 15;
    private static final int REFUSALS_PER_DAY = 3;
    private static final List<String> CODES = List.of("KEY_INVALID", "SIGNATURE_MISMATCH", "BATCH_TAG_CONFLICT",
            "SIGNATURE_CERTIFICATE_NOT_REGISTERED", "BODY_MALFORMED");
    private static final DateTimeFormatter TAG_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final Random random = new Random(14);
    private final List<String> countries;
    private final int days;
    private final Instant now;

    /** What was written, for the report. */
    record Counts(long uploads, long batches, long downloads, long refusals, long subscriptions, long certificates) {
    }

    DashboardSeed(int countries, int days, Instant now) {
        this.countries = COUNTRIES.subList(0, countries);
        this.days = days;
        this.now = now;
    }

    Counts write(EmbeddedDatabase.Connection db, Path pki, Path work) throws Exception {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl() + "?rewriteBatchedStatements=true",
                db.username(), db.password())) {
            connection.setAutoCommit(false);
            LocalDate first = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(days - 1);
            List<Batch> batches = batches(connection, first);
            long uploads = uploads(connection, first, batches);
            long downloads = downloads(connection, batches);
            long refusals = refusals(connection, first);
            long subscriptions = callbacks(connection, batches);
            long certificates = certificates(connection, pki, work);
            try (Statement status = connection.createStatement()) {
                status.executeUpdate("UPDATE batching_status SET last_run_at = NOW(6), last_run_batches = 0");
            }
            connection.commit();
            return new Counts(uploads, batches.size(), downloads, refusals, subscriptions, certificates);
        }
    }

    private record Batch(long id, String tag, Instant createdAt, long[] keys) {
    }

    /** A batch every 15 minutes of every day up to now; their keys are filled in by {@link #uploads}. */
    private List<Batch> batches(Connection connection, LocalDate first) throws SQLException {
        List<Batch> batches = new ArrayList<>();
        for (int day = 0; day < days; day++) {
            LocalDate date = first.plusDays(day);
            for (int sequence = 1; sequence <= 24 * 60 / BATCH_MINUTES; sequence++) {
                Instant created = date.atStartOfDay().toInstant(ZoneOffset.UTC)
                        .plus(Duration.ofMinutes((long) sequence * BATCH_MINUTES));
                if (created.isAfter(now)) {
                    break;
                }
                batches.add(new Batch(0, date.format(TAG_DATE) + "-" + sequence, created, new long[1]));
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO download_batch (batch_tag, "
                + "batch_date, sequence, created_at, key_count) VALUES (?, ?, ?, ?, 0)",
                Statement.RETURN_GENERATED_KEYS)) {
            for (Batch batch : batches) {
                insert.setString(1, batch.tag());
                insert.setObject(2, LocalDate.ofInstant(batch.createdAt(), ZoneOffset.UTC));
                insert.setInt(3, Integer.parseInt(batch.tag().substring(9)));
                insert.setTimestamp(4, Timestamp.from(batch.createdAt()));
                insert.addBatch();
            }
            insert.executeBatch();
            List<Batch> withIds = new ArrayList<>();
            try (var ids = insert.getGeneratedKeys()) {
                for (Batch batch : batches) {
                    ids.next();
                    withIds.add(new Batch(ids.getLong(1), batch.tag(), batch.createdAt(), batch.keys()));
                }
            }
            return withIds;
        }
    }

    /** Hourly uploads per country, each assigned to the first batch made after it. */
    private long uploads(Connection connection, LocalDate first, List<Batch> batches) throws SQLException {
        long count = 0;
        try (PreparedStatement statistics = connection.prepareStatement("INSERT INTO upload_statistics "
                + "(uploaded_at, country, batch_tag, key_count) VALUES (?, ?, ?, ?)");
             PreparedStatement upload = connection.prepareStatement("INSERT INTO upload_batch (country, batch_tag, "
                     + "content_hash, batch_signature, uploader_thumbprint, signing_thumbprint, key_count, "
                     + "format_version, uploaded_at, download_batch_id) "
                     + "VALUES (?, ?, ?, 'seeded', ?, ?, ?, '1.0', ?, ?)")) {
            String zeros = "0".repeat(64);
            for (int day = 0; day < days; day++) {
                for (String country : countries) {
                    for (int hour = 0; hour < UPLOADS_PER_DAY; hour++) {
                        Instant at = first.plusDays(day).atStartOfDay().toInstant(ZoneOffset.UTC)
                                .plus(Duration.ofMinutes(hour * 60L + random.nextInt(60)));
                        Batch batch = batchAfter(batches, at);
                        if (batch == null) {
                            continue; // not batched yet: the last minutes before now
                        }
                        int keys = 50 + random.nextInt(1500);
                        String tag = "seed-" + country + "-" + day + "-" + hour;
                        statistics.setTimestamp(1, Timestamp.from(at));
                        statistics.setString(2, country);
                        statistics.setString(3, tag);
                        statistics.setInt(4, keys);
                        statistics.addBatch();
                        upload.setString(1, country);
                        upload.setString(2, tag);
                        upload.setString(3, zeros);
                        upload.setString(4, zeros);
                        upload.setString(5, zeros);
                        upload.setInt(6, keys);
                        upload.setTimestamp(7, Timestamp.from(at));
                        upload.setLong(8, batch.id());
                        upload.addBatch();
                        batch.keys()[0] += keys;
                        count++;
                    }
                }
                statistics.executeBatch();
                upload.executeBatch();
            }
        }
        try (PreparedStatement keys = connection.prepareStatement(
                "UPDATE download_batch SET key_count = ? WHERE id = ?")) {
            for (Batch batch : batches) {
                keys.setLong(1, batch.keys()[0]);
                keys.setLong(2, batch.id());
                keys.addBatch();
            }
            keys.executeBatch();
        }
        return count;
    }

    private static Batch batchAfter(List<Batch> batches, Instant at) {
        for (Batch batch : batches) { // 1344 batches at most; seeding runs once
            if (!batch.createdAt().isBefore(at)) {
                return batch;
            }
        }
        return null;
    }

    /** Every country downloads every batch within ten minutes of its creation. */
    private long downloads(Connection connection, List<Batch> batches) throws SQLException {
        long count = 0;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO download_statistics (requested_at, "
                + "download_batch_id, country, key_count) VALUES (?, ?, ?, ?)")) {
            for (Batch batch : batches) {
                for (String country : countries) {
                    Instant at = batch.createdAt().plusSeconds(random.nextInt(600));
                    if (at.isAfter(now)) {
                        continue;
                    }
                    insert.setTimestamp(1, Timestamp.from(at));
                    insert.setLong(2, batch.id());
                    insert.setString(3, country);
                    insert.setLong(4, batch.keys()[0] * (countries.size() - 1) / countries.size());
                    insert.addBatch();
                    count++;
                }
                if (count % 3000 < countries.size()) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return count;
    }

    private long refusals(Connection connection, LocalDate first) throws SQLException {
        long count = 0;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO upload_refusal (refused_at, country, "
                + "batch_tag, code, status, first_finding) VALUES (?, ?, ?, ?, 400, ?)")) {
            for (int day = 0; day < days; day++) {
                for (String country : countries) {
                    for (int i = 0; i < REFUSALS_PER_DAY; i++) {
                        Instant at = first.plusDays(day).atStartOfDay().toInstant(ZoneOffset.UTC)
                                .plusSeconds(random.nextInt(86_400));
                        if (at.isAfter(now)) {
                            continue;
                        }
                        String code = CODES.get(random.nextInt(CODES.size()));
                        insert.setTimestamp(1, Timestamp.from(at));
                        insert.setString(2, country);
                        insert.setString(3, "seed-refused-" + country + "-" + day + "-" + i);
                        insert.setString(4, code);
                        insert.setString(5, code.equals("KEY_INVALID")
                                ? "Key " + random.nextInt(5000) + ": rollingPeriod must be 1..144 (ROLLING_PERIOD)"
                                : code.toLowerCase().replace('_', ' '));
                        insert.addBatch();
                        count++;
                    }
                }
            }
            insert.executeBatch();
        }
        return count;
    }

    /** One subscription per country; every fifth is FAILING with the day's last 20 batches pending. */
    private long callbacks(Connection connection, List<Batch> batches) throws SQLException {
        Timestamp created = Timestamp.from(now.minus(Duration.ofDays(days)));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO callback_subscription (country, "
                + "callback_id, url, created_at, updated_at, state, last_success, last_error, consecutive_failures, "
                + "sent_count, failed_count) VALUES (?, 'main', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS);
             PreparedStatement task = connection.prepareStatement("INSERT INTO callback_task (subscription_id, "
                     + "download_batch_id, created_at) VALUES (?, ?, ?)")) {
            for (int i = 0; i < countries.size(); i++) {
                boolean failing = i % 5 == 4;
                insert.setString(1, countries.get(i));
                insert.setString(2, "https://efgs-callback." + countries.get(i).toLowerCase() + ".example/notify");
                insert.setTimestamp(3, created);
                insert.setTimestamp(4, created);
                insert.setString(5, failing ? "FAILING" : "ACTIVE");
                insert.setTimestamp(6, Timestamp.from(now.minus(Duration.ofMinutes(failing ? 300 : 10))));
                insert.setString(7, failing ? "HTTP 503 from the receiver" : null);
                insert.setInt(8, failing ? 12 : 0);
                insert.setLong(9, batches.size() - (failing ? 20 : 0));
                insert.setLong(10, failing ? 40 : 2);
                insert.executeUpdate();
                if (failing) {
                    long id;
                    try (var key = insert.getGeneratedKeys()) {
                        key.next();
                        id = key.getLong(1);
                    }
                    for (Batch batch : batches.subList(Math.max(0, batches.size() - 20), batches.size())) {
                        task.setLong(1, id);
                        task.setLong(2, batch.id());
                        task.setTimestamp(3, Timestamp.from(batch.createdAt()));
                        task.addBatch();
                    }
                }
            }
            task.executeBatch();
        }
        return countries.size();
    }

    /**
     * AUTHENTICATION and SIGNING certificates (openssl, as certs/generate-dev-pki.sh makes them) for the countries
     * the demo PKI does not have, sealed with the demo trust anchor; every seventh ends within 30 days.
     */
    private long certificates(Connection connection, Path pki, Path work) throws Exception {
        X509Certificate anchor = CertificatePem.read(pki.resolve("trust-anchor/ta.pem"));
        PrivateKey anchorKey = Seals.readPrivateKey(Files.readString(pki.resolve("trust-anchor/ta.key")));
        long count = 0;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO certificate (created_at, thumbprint, "
                + "country, type, revoked, signature, raw_data) VALUES (NOW(6), ?, ?, ?, FALSE, ?, ?)")) {
            for (int i = 0; i < countries.size(); i++) {
                String country = countries.get(i);
                if (Files.isDirectory(pki.resolve("countries").resolve(country))) {
                    continue; // onboarded by the demo profile
                }
                for (String type : List.of("AUTHENTICATION", "SIGNING")) {
                    int validDays = i % 7 == 3 ? 12 : 365;
                    String pem = certificate(work, country, type, validDays);
                    insert.setString(1, Thumbprints.of(CertificatePem.parse(pem)));
                    insert.setString(2, country);
                    insert.setString(3, type);
                    insert.setString(4, Seals.seal(pem, anchorKey, anchor));
                    insert.setString(5, pem);
                    insert.addBatch();
                    count++;
                }
            }
            insert.executeBatch();
        }
        return count;
    }

    private static String certificate(Path work, String country, String type, int validDays)
            throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve("seed-certificates"));
        Path pem = dir.resolve(country + "-" + type + ".pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-sha256", "-nodes", "-days", String.valueOf(validDays),
                "-subj", "/C=" + country + "/O=Benchmark backend/CN=" + country + " " + type,
                "-keyout", "/dev/null", "-out", pem.toString()) // the private key is not needed
                .redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes());
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IllegalStateException("openssl failed: " + output);
        }
        return Files.readString(pem);
    }
}

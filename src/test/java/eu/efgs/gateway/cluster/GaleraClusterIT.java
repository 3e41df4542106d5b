package eu.efgs.gateway.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.mysql.cj.jdbc.MysqlDataSource;
import eu.efgs.gateway.client.Auditor;
import eu.efgs.gateway.client.GatewayClient;
import eu.efgs.gateway.keys.PayloadCipher;
import eu.efgs.gateway.platform.database.ConflictRetry;
import eu.efgs.gateway.quickstart.EmbeddedDatabase;
import eu.efgs.gateway.platform.database.Schema;
import eu.efgs.gateway.platform.database.Transactions;
import eu.efgs.gateway.testing.BatchChain;
import eu.efgs.gateway.testing.CallbackReceiver;
import eu.efgs.gateway.testing.GaleraCluster;
import eu.efgs.gateway.testing.Https;
import eu.efgs.gateway.testing.PackagedGateway;
import eu.efgs.gateway.testing.Pki;
import eu.efgs.gateway.testing.TestKeys;
import eu.efgs.gateway.testing.TestPki;
import eu.efgs.gateway.testing.TestSigner;
import eu.efgs.gateway.trust.CertificateLifecycle;
import eu.efgs.gateway.trust.CertificatePem;
import eu.efgs.gateway.trust.CertificateStore;
import eu.efgs.gateway.trust.CertificateType;
import eu.efgs.gateway.trust.KeyStrength;
import eu.efgs.gateway.trust.RecordSeal;
import eu.efgs.gateway.trust.Seals;
import eu.efgs.gateway.trust.TrustAnchor;
import eu.interop.DiagnosisKey;
import eu.interop.DiagnosisKeyBatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * High availability on a real 3-node Galera cluster: two packaged gateways, each on another node (failover URLs),
 * batching every second on both, eight uploaders across both; during the load one database node is killed (kill -9)
 * and restarted (it rejoins by IST), and one gateway is killed (kill -9) and restarted. Afterwards nothing is lost or
 * doubled: every upload answered 201 is downloadable exactly once through either instance, no upload is stored in
 * part, the batches form one chain with consecutive names, every batch audits, and each callback subscription heard
 * of each batch exactly once, in chain order. The receivers download what they are told about, as national backends
 * do (so a callback a killed gateway sent but could not record is not sent again: the country has the batch).
 */
class GaleraClusterIT {

    private static final String DATABASE = "efgs_ha";
    private static final List<String> UPLOADERS = List.of("DE", "FR", "IT", "ES");
    private static final List<String> SUBSCRIBERS = List.of("DE", "FR");
    private static final String AUDITOR = "BE";
    private static final Duration LOAD = Duration.ofSeconds(60);
    /** Seconds into the load when node 1 (gateway A's) is killed, and when it is started again. */
    private static final int NODE_KILLED = 14;
    private static final int NODE_RESTARTED = 30;
    /** Gateway A must store uploads again this soon after its node died, long before the node is back. */
    private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(10);
    private static final int THREADS = 8;

    private final Map<String, Pki.Credential> auth = new HashMap<>();
    private final Map<String, Pki.Credential> signing = new HashMap<>();
    private final List<CallbackReceiver> receivers = new ArrayList<>();
    private final ExecutorService downloads = Executors.newFixedThreadPool(4);
    private final AtomicInteger downloadsPending = new AtomicInteger();
    private final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Stored> stored = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final AtomicLong nodeKilledAt = new AtomicLong();
    private final AtomicLong firstCreatedOnAAfterKill = new AtomicLong();
    private final ConcurrentLinkedQueue<Long> createdAt = new ConcurrentLinkedQueue<>();
    private final List<Path> gatewayLogs = new ArrayList<>();

    private GaleraCluster cluster;
    private URI gatewayA;
    private URI gatewayB;
    private static PackagedGateway a;
    private static PackagedGateway b;

    /** An upload the gateway answered 201. */
    private record Stored(String country, String batchTag, List<DiagnosisKey> keys, String answeredBy) {
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    void twoGatewaysOnThreeNodesLoseNothingWhenANodeAndAGatewayDie() throws Exception {
        long testStarted = System.nanoTime();
        cluster = GaleraCluster.shared();
        cluster.freshDatabase(DATABASE);
        Map<String, String> key = EmbeddedDatabase.developmentEncryptionKey(
                Files.createTempDirectory(Path.of("target"), "galera-secrets"));
        onboard(key);
        Map<String, String> settings = new HashMap<>(PackagedGateway.productionSettings(
                cluster.url(DATABASE, 1, 2, 3), cluster.user(), cluster.password(), key));
        settings.putAll(Map.of("efgs.batching.interval", "1s", "efgs.callback.interval", "1s",
                "efgs.callback.timeout", "PT3S", "efgs.callback.lease", "PT10S",
                "efgs.callback.allow-private-addresses", "true", "efgs.http.retry-after", "PT1S",
                "quarkus.tls.callback.key-store.pem.client.cert", TestPki.CALLBACK_CLIENT.toString(),
                "quarkus.tls.callback.key-store.pem.client.key", TestPki.CALLBACK_CLIENT_KEY.toString()));
        a = PackagedGateway.start(settings);
        Map<String, String> onNode2 = new HashMap<>(settings);
        onNode2.put("QUARKUS_DATASOURCE_JDBC_URL", cluster.url(DATABASE, 2, 3, 1));
        b = PackagedGateway.start(onNode2);
        gatewayLogs.addAll(List.of(a.logFile(), b.logFile()));
        gatewayA = URI.create(a.baseUri());
        gatewayB = URI.create(b.baseUri());
        for (String country : SUBSCRIBERS) {
            subscribe(country);
        }
        long baselineConflicts = conflicts();
        double setUpSeconds = seconds(testStarted);

        long loadStarted = System.nanoTime();
        long deadline = loadStarted + LOAD.toNanos();
        ExecutorService uploaders = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> running = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            int id = thread;
            running.add(uploaders.submit(() -> upload(id, deadline)));
        }
        Map<String, String> events = new ConcurrentHashMap<>();
        sleepUntil(loadStarted, 8);
        b.kill();
        long gatewayKilled = System.nanoTime();
        events.put("1 gateway B killed at", String.format("%.1f s", seconds(loadStarted)));
        ExecutorService supervisor = Executors.newSingleThreadExecutor();
        Future<PackagedGateway> restarted = supervisor.submit(() -> {
            pause(2000);
            PackagedGateway again = b.restart(); // same ports, same settings, as a supervisor restarts it
            events.put("2 gateway B ready again after", String.format("%.1f s (at %.1f s)", seconds(gatewayKilled),
                    seconds(loadStarted)));
            return again;
        });
        sleepUntil(loadStarted, NODE_KILLED);
        nodeKilledAt.set(System.nanoTime());
        cluster.kill(1); // gateway A's node, while B is down: every upload goes through A, which must fail over
        events.put("3 node 1 killed at", String.format("%.1f s", seconds(loadStarted)));
        sleepUntil(loadStarted, NODE_RESTARTED);
        String rejoin = cluster.restart(1);
        events.put("4 node 1", rejoin + String.format(", at %.1f s", seconds(loadStarted)));
        b = restarted.get(3, TimeUnit.MINUTES);
        supervisor.shutdown();
        gatewayLogs.add(b.logFile());
        for (Future<?> uploader : running) {
            uploader.get(3, TimeUnit.MINUTES);
        }
        uploaders.shutdown();
        double loadSeconds = seconds(loadStarted);
        String longestGap = longestWithout201(loadStarted, System.nanoTime());

        long quiet = System.nanoTime();
        awaitQuiet();
        double quietSeconds = seconds(quiet);
        long conflicts = conflicts() - baselineConflicts;

        // --- what the database holds -------------------------------------------------------------------------------
        List<String> problems = new ArrayList<>(unexpected);
        List<BatchChain.Link> chain;
        long storedKeys;
        try (Connection db = causal(3)) {
            problems.addAll(storageProblems(db));
            chain = BatchChain.follow(db);
            if (chain.size() != BatchChain.batches(db)) {
                problems.add("the chain reaches " + chain.size() + " of " + BatchChain.batches(db) + " batches");
            }
            problems.addAll(BatchChain.problems(chain));
            storedKeys = count(db, "SELECT COALESCE(SUM(key_count), 0) FROM upload_batch");
        }
        List<String> chainTags = chain.stream().map(BatchChain.Link::batchTag).toList();

        // --- what national backends see, through either instance -------------------------------------------------
        LocalDate first = LocalDate.parse(chainTags.get(0).substring(0, 8),
                java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        Map<URI, List<GatewayClient.Batch>> downloaded = new HashMap<>();
        for (URI gateway : List.of(gatewayA, gatewayB)) {
            List<GatewayClient.Batch> batches = new GatewayClient(client(AUDITOR), gateway, 5000).downloadDay(first);
            downloaded.put(gateway, batches);
            List<String> tags = batches.stream().map(GatewayClient.Batch::batchTag).toList();
            if (!tags.equals(chainTags)) {
                problems.add(gateway + " serves the batches " + tags + ", the chain is " + chainTags);
            }
            problems.addAll(keyProblems(gateway, batches));
        }
        StringWriter audit = new StringWriter();
        int auditFailures = 0;
        for (LocalDate day = first; !day.isAfter(LocalDate.now(ZoneOffset.UTC)); day = day.plusDays(1)) {
            auditFailures += new Auditor(client(AUDITOR), gatewayB, anchor(), AUDITOR, new PrintWriter(audit))
                    .audit(day);
        }
        if (auditFailures > 0) {
            problems.add(auditFailures + " audit checks failed:\n" + audit);
        }
        for (int i = 0; i < SUBSCRIBERS.size(); i++) {
            List<String> announced = receivers.get(i).batchTags();
            if (!announced.equals(chainTags)) {
                problems.add("subscription of " + SUBSCRIBERS.get(i) + " heard of " + announced.size() + " batches "
                        + duplicates(announced) + ", not each of the " + chainTags.size() + " once in chain order: "
                        + announced + " vs " + chainTags);
            }
        }

        // --- figures ---------------------------------------------------------------------------------------------
        int created = stored.size();
        long keys = stored.stream().mapToLong(upload -> upload.keys().size()).sum();
        System.out.println("[galera] ---------------------------------------------------------------------------");
        System.out.printf("[galera] set-up (cluster, onboarding, two gateways): %.1f s; load %.1f s; quiet after "
                + "%.1f s; whole test %.1f s%n", setUpSeconds, loadSeconds, quietSeconds, seconds(testStarted));
        new TreeMap<>(events).forEach((name, value) -> System.out.printf("[galera] %s %s%n", name.substring(2), value));
        double failover = firstCreatedOnAAfterKill.get() == 0 ? Double.NaN
                : (firstCreatedOnAAfterKill.get() - nodeKilledAt.get()) / 1e9;
        System.out.printf("[galera] failover: gateway A answered 201 again %.2f s after its node was killed%n",
                failover);
        if (!(failover <= FAILOVER_LIMIT.toSeconds())) { // NaN too: A never stored again before node 1 came back
            problems.add("gateway A stored no upload within " + FAILOVER_LIMIT.toSeconds() + " s of its node's death "
                    + "(node 1 was restarted " + (NODE_RESTARTED - NODE_KILLED) + " s after it): " + failover + " s");
        }
        if (statuses.containsKey("A:io")) {
            problems.add("gateway A, alive throughout, left " + statuses.get("A:io") + " requests without an answer "
                    + "(a node's death must be answered, 503 with Retry-After at worst)");
        }
        System.out.printf("[galera] longest time without any 201 during the load: %s%n", longestGap);
        System.out.printf("[galera] uploads answered 201: %d (%d keys; stored in all: %d keys), by A %d, by B %d%n",
                created, keys, storedKeys, stored.stream().filter(s -> s.answeredBy().equals("A")).count(),
                stored.stream().filter(s -> s.answeredBy().equals("B")).count());
        System.out.printf("[galera] answers by gateway and status (io = no answer: refused, reset, timed out): %s%n",
                new TreeMap<>(statuses));
        System.out.printf("[galera] batches: %d (%s .. %s); keys downloaded through A: %d, through B: %d%n",
                chainTags.size(), chainTags.get(0), chainTags.get(chainTags.size() - 1),
                downloaded.get(gatewayA).stream().mapToLong(batch -> batch.keys().size()).sum(),
                downloaded.get(gatewayB).stream().mapToLong(batch -> batch.keys().size()).sum());
        System.out.printf("[galera] callbacks: %s; audit failures: %d; certification conflicts and aborts on the "
                + "cluster: %d%n", SUBSCRIBERS.stream().map(country -> country + " "
                + receivers.get(SUBSCRIBERS.indexOf(country)).requests().size()).collect(Collectors.joining(", ")),
                auditFailures, conflicts);
        String errors = errorLines();
        System.out.printf("[galera] ERROR lines in the gateways' logs: %s%n", errors);
        if (!errors.equals("none")) {
            problems.add("ERROR means an operator must act; a node or an instance that died and came back is a WARN");
        }
        System.out.println("[galera] " + cluster.status().replace("\n", "\n[galera] "));
        assertTrue(created > 0 && statuses.getOrDefault("A:201", new AtomicInteger()).get() > 0, "load ran");
        assertEquals(List.of(), problems);
    }

    // --- load ------------------------------------------------------------------------------------------------------

    /** One national backend's uploader: its home instance first, the other one while home does not answer. */
    private void upload(int thread, long deadline) {
        String country = UPLOADERS.get(thread % UPLOADERS.size());
        boolean homeIsA = thread < THREADS / 2;
        Map<URI, HttpClient> clients = Map.of(gatewayA, client(country), gatewayB, client(country));
        int n = 0;
        while (System.nanoTime() < deadline) {
            List<DiagnosisKey> keys = TestKeys.keys(country, ThreadLocalRandom.current().nextInt(20, 300));
            String tag = "ha-" + thread + "-" + (++n) + "-" + UUID.randomUUID().toString().substring(0, 8);
            String signature = TestSigner.sign(keys, signing.get(country));
            byte[] body = DiagnosisKeyBatch.newBuilder().addAllKeys(keys).build().toByteArray();
            URI target = homeIsA ? gatewayA : gatewayB;
            long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (true) { // the same upload (tag, keys, signature) until it is answered 201: retries are safe
                String name = target.equals(gatewayA) ? "A" : "B";
                long sent = System.nanoTime();
                try {
                    HttpResponse<String> response = clients.get(target).send(HttpRequest.newBuilder(
                                    target.resolve("/diagnosiskeys/upload"))
                            .header("Content-Type", "application/protobuf; version=1.0").header("batchTag", tag)
                            .header("batchSignature", signature).timeout(Duration.ofSeconds(40))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    count(name + ":" + response.statusCode() + (response.statusCode() == 503 ? ":" + code(response)
                            : ""));
                    if (response.statusCode() == 201) {
                        stored.add(new Stored(country, tag, keys, name));
                        createdAt.add(System.nanoTime());
                        if (name.equals("A") && nodeKilledAt.get() != 0 && sent > nodeKilledAt.get()) {
                            firstCreatedOnAAfterKill.compareAndSet(0, System.nanoTime());
                        }
                        break;
                    }
                    if (response.statusCode() != 503) {
                        unexpected.add(name + " answered " + response.statusCode() + " to " + tag + ": "
                                + response.body());
                        break;
                    }
                    if (response.headers().firstValue("Retry-After").isEmpty()) {
                        unexpected.add(name + " answered 503 without Retry-After");
                    }
                    pause(ThreadLocalRandom.current().nextLong(200, 1000)); // Retry-After is 1 s
                } catch (IOException e) {
                    count(name + ":io");
                    target = target.equals(gatewayA) ? gatewayB : gatewayA; // as a balancer would
                    pause(200);
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (System.nanoTime() > giveUp) {
                    unexpected.add(tag + " was not stored within 2 minutes of retries");
                    break;
                }
                target = homeIsA ? gatewayA : gatewayB;
            }
            pause(ThreadLocalRandom.current().nextLong(50, 250));
        }
    }

    private static String code(HttpResponse<String> response) {
        java.util.regex.Matcher code = java.util.regex.Pattern.compile("\"code\":\"([A-Z_]+)\"")
                .matcher(response.body());
        return code.find() ? code.group(1) : "?";
    }

    /** The longest time during the load in which no upload was answered 201 (by either instance), and its start. */
    private String longestWithout201(long from, long to) {
        List<Long> times = new ArrayList<>(createdAt);
        times.add(from);
        times.add(to);
        java.util.Collections.sort(times);
        long longest = 0;
        long start = from;
        for (int i = 1; i < times.size(); i++) {
            if (times.get(i) - times.get(i - 1) > longest) {
                longest = times.get(i) - times.get(i - 1);
                start = times.get(i - 1);
            }
        }
        return String.format("%.1f s, from %.1f s into the load", longest / 1e9, (start - from) / 1e9);
    }

    private void count(String key) {
        statuses.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    // --- set-up ----------------------------------------------------------------------------------------------------

    /** Schema and certificates as the operator commands would write them (in-process: it takes a second, not 20). */
    private void onboard(Map<String, String> key) throws Exception {
        MysqlDataSource dataSource = new MysqlDataSource();
        dataSource.setURL(cluster.url(DATABASE, 1, 2, 3));
        dataSource.setUser(cluster.user());
        dataSource.setPassword(cluster.password());
        Schema.migrate(dataSource);
        PayloadCipher cipher = PayloadCipher.of(key.get("efgs.encryption.key-id"), key.get("efgs.encryption.key"),
                Map.of());
        CertificateLifecycle lifecycle = new CertificateLifecycle(TrustAnchor.load(TestPki.ANCHOR),
                new KeyStrength(3072, 256), new CertificateStore(new Transactions(dataSource,
                new ConflictRetry(new ConflictRetry.Policy(5, Duration.ofMillis(20), Duration.ofMillis(200))))),
                new RecordSeal(cipher.currentKeyId(), cipher.secretKeys()), Clock.systemUTC());
        var anchorKey = Seals.readPrivateKey(Files.readString(TestPki.ANCHOR_KEY));
        List<String> countries = new ArrayList<>(UPLOADERS);
        countries.add(AUDITOR);
        for (String country : countries) {
            auth.put(country, credential(country, "auth"));
            lifecycle.onboard(new CertificateLifecycle.Request(country, CertificateType.AUTHENTICATION,
                    auth.get(country).pem(), null), anchorKey);
            if (UPLOADERS.contains(country)) {
                signing.put(country, credential(country, "signing"));
                lifecycle.onboard(new CertificateLifecycle.Request(country, CertificateType.SIGNING,
                        signing.get(country).pem(), null), anchorKey);
            }
        }
        for (String country : SUBSCRIBERS) {
            Pki.Credential receiverCertificate = Pki.server("C=" + country + ",O=Test backend,CN=localhost "
                    + UUID.randomUUID(), "localhost");
            lifecycle.onboard(new CertificateLifecycle.Request(country, CertificateType.CALLBACK,
                    receiverCertificate.pem(), null), anchorKey);
            CallbackReceiver receiver = CallbackReceiver.start(receiverCertificate, TestPki.callbackClient(),
                    "127.0.0.1");
            receiver.afterAnswer(request -> download(country, request));
            receivers.add(receiver);
        }
    }

    private static Pki.Credential credential(String country, String use) {
        return Pki.selfSigned("C=" + country + ",O=HA test,CN=" + country + " " + use + " " + UUID.randomUUID(),
                Pki.KeyType.EC_P256);
    }

    private void subscribe(String country) throws Exception {
        CallbackReceiver receiver = receivers.get(SUBSCRIBERS.indexOf(country));
        String url = "https://localhost:" + receiver.port() + "/efgs/callback/ha";
        HttpResponse<String> response = client(country).send(HttpRequest.newBuilder(gatewayA.resolve(
                "/diagnosiskeys/callback/ha?url=" + java.net.URLEncoder.encode(url,
                        java.nio.charset.StandardCharsets.UTF_8)))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    /** A national backend downloads the batch it was told about, through whichever instance answers. */
    private void download(String country, CallbackReceiver.Request request) {
        downloadsPending.incrementAndGet();
        downloads.submit(() -> {
            try {
                HttpClient http = client(country);
                long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                for (int attempt = 0; System.nanoTime() < giveUp; attempt++) {
                    URI gateway = attempt % 2 == 0 ? gatewayB : gatewayA;
                    try {
                        int status = http.send(HttpRequest.newBuilder(gateway.resolve("/diagnosiskeys/download/"
                                        + request.query().get("date")))
                                .header("Accept", "application/protobuf; version=1.0")
                                .header("batchTag", request.batchTag()).timeout(Duration.ofSeconds(20)).GET().build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status == 200) {
                            return;
                        }
                    } catch (IOException e) {
                        // that instance is down: the other one
                    }
                    pause(300);
                }
                unexpected.add(country + " could not download " + request.batchTag() + " it was told about");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                downloadsPending.decrementAndGet();
            }
            return;
        });
    }

    // --- checks ----------------------------------------------------------------------------------------------------

    /** Waits (at most 2 minutes) until every upload is batched, every callback sent and every download done. */
    private void awaitQuiet() throws Exception {
        long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < giveUp) {
            try (Connection db = causal(3)) {
                if (count(db, "SELECT COUNT(*) FROM upload_batch WHERE download_batch_id IS NULL") == 0
                        && count(db, "SELECT COUNT(*) FROM callback_task") == 0 && downloadsPending.get() == 0) {
                    return;
                }
            }
            pause(500);
        }
        unexpected.add("not quiet within 2 minutes after the load");
    }

    /** Every 201 stored whole, every stored upload whole (keys, statistics) and in exactly one batch. */
    private List<String> storageProblems(Connection db) throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<String, long[]> rows = new HashMap<>(); // country/tag -> key_count, keys, statistics, slices, batched
        try (Statement statement = db.createStatement(); ResultSet row = statement.executeQuery("SELECT u.country, "
                + "u.batch_tag, u.key_count, (SELECT COUNT(*) FROM diagnosis_key k WHERE k.upload_batch_id = u.id), "
                + "(SELECT COUNT(*) FROM upload_statistics s WHERE s.country = u.country "
                + "AND s.batch_tag = u.batch_tag), "
                + "(SELECT COUNT(*) FROM download_slice d WHERE d.upload_batch_id = u.id), "
                + "u.download_batch_id IS NOT NULL FROM upload_batch u")) {
            while (row.next()) {
                rows.put(row.getString(1) + "/" + row.getString(2), new long[] {row.getLong(3), row.getLong(4),
                        row.getLong(5), row.getLong(6), row.getLong(7)});
            }
        }
        rows.forEach((upload, r) -> {
            if (r[0] != r[1] || r[2] != 1 || r[3] != 1 || r[4] != 1) {
                problems.add(upload + " is stored in part or batched wrongly: key_count " + r[0] + ", keys " + r[1]
                        + ", statistics rows " + r[2] + ", slices " + r[3] + ", batched " + r[4]);
            }
        });
        for (Stored upload : stored) {
            long[] r = rows.get(upload.country() + "/" + upload.batchTag());
            if (r == null || r[0] != upload.keys().size()) {
                problems.add(upload.batchTag() + " was answered 201 but is " + (r == null ? "missing" : "different"));
            }
        }
        return problems;
    }

    /** Each key of every 201 exactly once among the batches, and nothing else. */
    private List<String> keyProblems(URI gateway, List<GatewayClient.Batch> batches) {
        Map<ByteString, Integer> seen = new HashMap<>();
        batches.forEach(batch -> batch.keys().forEach(key -> seen.merge(key.getKeyData(), 1, Integer::sum)));
        Set<ByteString> sent = new HashSet<>();
        stored.forEach(upload -> upload.keys().forEach(key -> sent.add(key.getKeyData())));
        long missing = sent.stream().filter(key -> !seen.containsKey(key)).count();
        long twice = seen.values().stream().filter(times -> times > 1).count();
        long foreign = seen.keySet().stream().filter(key -> !sent.contains(key)).count();
        List<String> problems = new ArrayList<>();
        if (missing > 0 || twice > 0) {
            problems.add(gateway + ": " + missing + " keys of uploads answered 201 are not downloadable, " + twice
                    + " keys are served more than once");
        }
        if (foreign > 0) {
            // uploads whose 201 never arrived may be stored (their retry then said 201 too); anything else is not ours
            problems.add(gateway + ": " + foreign + " keys are served that no 201 covers");
        }
        return problems;
    }

    private static String duplicates(List<String> announced) {
        Map<String, Long> counts = announced.stream().collect(Collectors.groupingBy(tag -> tag, TreeMap::new,
                Collectors.counting()));
        counts.values().removeIf(count -> count == 1);
        return counts.isEmpty() ? "" : "(more than once: " + counts + ")";
    }

    /** ERROR means an operator must act: what the gateways of this test logged so. */
    private String errorLines() throws IOException {
        List<String> errors = new ArrayList<>();
        for (Path log : gatewayLogs) {
            Files.readAllLines(log).stream().filter(line -> line.contains(" ERROR ")).map(line -> log.getFileName()
                    + ": " + line).forEach(errors::add);
        }
        return errors.isEmpty() ? "none" : errors.size() + "\n" + String.join("\n", errors);
    }

    private long conflicts() {
        return cluster.counter("wsrep_local_cert_failures") + cluster.counter("wsrep_local_bf_aborts");
    }

    /** A connection to one node that reads only after the node has applied what the cluster committed before. */
    private Connection causal(int node) throws SQLException {
        Connection connection = cluster.connect(DATABASE, node);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION wsrep_sync_wait = 1");
        }
        return connection;
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(sql); ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private HttpClient client(String country) {
        return HttpClient.newBuilder().sslContext(Https.context(auth.get(country)))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static java.security.cert.X509Certificate anchor() throws Exception {
        return CertificatePem.parse(Files.readString(TestPki.ANCHOR));
    }

    private static void sleepUntil(long start, int secondsAfter) {
        long wait = start + TimeUnit.SECONDS.toNanos(secondsAfter) - System.nanoTime();
        if (wait > 0) {
            pause(TimeUnit.NANOSECONDS.toMillis(wait));
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static {
        // the HTTPS clients trust the test server's certificate by name "localhost"
        System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
    }
}

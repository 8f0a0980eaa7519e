package org.downtimebacklog.benchmark;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.apache.commons.io.FileUtils;
import org.downtimebacklog.tracking.SummaryService;
import org.downtimebacklog.support.Api;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures the service against the database it runs on, each figure beside a reference measured in the same run:
 * <ul>
 * <li>items logged per second through the HTTP API by 32 clients, beside plain JDBC inserting an item and an audit
 * row per transaction with 32 threads;</li>
 * <li>claims per second by 64 concurrent "next" callers, beside a plain JDBC SKIP LOCKED claim loop with 64 threads;</li>
 * <li>the outage summary and the first page of the queue, timed at 10 thousand items and at the full size;</li>
 * <li>every FHIR read and search path (first and last page, each filter, a patient's search) at 10,000 items and
 * at the full size, each beside reading one item through the item API;</li>
 * <li>the CSV export of the whole outage at the full size, in rows a second, against reading the same rows with
 * plain JDBC.</li>
 * </ul>
 * Each rate is printed with the CPU time and database statements one operation took, which show what limits it.
 * Run it from the README: {@code -Dbench.items} (default 1,000,000), {@code -Dbench.seconds} (default 15 measured per
 * phase) and {@code -Dbench.warmup} (default 30 s of load before each measured phase).
 */
public final class Benchmark {

    private static final String SITE = "BENCH";
    private static final String[] SYSTEMS = {"EHR", "EMAR", "LIMS"};
    private static final String QUEUE_ORDER = org.downtimebacklog.item.QueueOrder.SQL;
    private static final String[] CATEGORIES = {"MEDICATION_ADMINISTRATION", "OBSERVATIONS", "ORDER", "RESULT",
            "CLINICAL_NOTE", "PRESCRIPTION", "TRANSFER"};
    private static final String[] STATUSES = {"INPATIENT", "ED", "OUTPATIENT", "DISCHARGED"};

    private final long target;
    private final Duration phase;
    private final Duration warmUp;
    private EmbeddedServer server;
    private Api api;
    private String url;
    private String user;
    private String password;
    private long outageId;
    private String leadToken;
    private final List<Api.User> clerks = new ArrayList<>();

    private Benchmark(long target, Duration phase, Duration warmUp) {
        this.target = target;
        this.phase = phase;
        this.warmUp = warmUp;
    }

    public static void main(String[] args) throws Exception {
        long items = Long.getLong("bench.items", 1_000_000L);
        int seconds = Integer.getInteger("bench.seconds", 15);
        // the JIT needs tens of seconds under load before the service's code runs compiled
        int warmUp = Integer.getInteger("bench.warmup", 30);
        try {
            new Benchmark(items, Duration.ofSeconds(seconds), Duration.ofSeconds(warmUp)).run();
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        Path dataDir = Path.of("target", "bench-data").toAbsolutePath();
        FileUtils.deleteQuietly(dataDir.toFile());
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "backlog.data-dir", dataDir.toString(),
                "backlog.admin-password", Api.ADMIN_PASSWORD,
                "backlog.access-token-seconds", 7200,
                "backlog.queue.max-assigned", 10_000_000,
                "backlog.queue.lease", "24h",
                "micronaut.server.port", -1));
        try {
            DatasourceConfiguration ds = server.getApplicationContext().getBean(DatasourceConfiguration.class);
            // the references use the driver settings the service uses (application.yml)
            url = ds.getUrl() + (ds.getUrl().contains("?") ? "&" : "?") + "connectionCollation=utf8mb4_general_ci"
                    + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&rewriteBatchedStatements=true"
                    + "&cachePrepStmts=true&prepStmtCacheSize=250&prepStmtCacheSqlLimit=4096&useLocalSessionState=true"
                    + "&useLocalTransactionState=true&cacheServerConfiguration=true&maintainTimeStats=false";
            user = ds.getUsername();
            password = ds.getPassword();
            api = new Api(server.getURL());
            setUp();

            List<String> report = new ArrayList<>();
            seedTo(10_000);
            recount();
            double summary10k = 0;
            double page10k = 0;
            if (runs("reads")) {
                summary10k = median(30, () -> api.get("/api/outages/" + outageId + "/summary", leadToken));
                page10k = median(30, () -> api.get(queuePage(), leadToken));
            }
            List<String> fhir10k = runs("fhir") ? fhirPhases(30) : List.of();
            List<String> lists10k = runs("lists") ? listPhases(30, false) : List.of();

            double rawInserts = 0;
            if (runs("logging") || runs("import")) {
                rawInserts = rawInsertRate(32);
            }
            if (runs("logging")) {
                double apiInserts = apiLogRate(32);
                report.add(line("Logging, items/s (32 clients)", apiInserts, rawInserts, "API", "raw JDBC"));
            }
            if (runs("batch")) {
                double rawBatches = rawBatchInsertRate(8);
                double apiBatches = apiBatchLogRate(8);
                report.add(line("Batch logging, items/s (8 clients, " + BATCH + " a request)", apiBatches, rawBatches,
                        "API", "raw JDBC multi-row"));
            }
            if (runs("import")) {
                int importRows = Integer.getInteger("bench.import-rows", 100_000);
                double rawInserts4 = rawInsertRate(4);
                double imported = importRate(importRows);
                report.add(line("CSV import of " + String.format("%,d", importRows) + " rows, rows/s", imported,
                        rawInserts, "API", "raw JDBC, 32 clients"));
                report.add(line("CSV import beside raw JDBC with as many writers (4)", imported, rawInserts4, "API",
                        "raw JDBC, 4 clients"));
            }

            seedTo(target);
            if (runs("claims")) {
                double rawClaims = rawClaimRate(64);
                double apiClaims = apiClaimRate(64);
                recount();
                report.add(line("Claiming, claims/s (64 callers)", apiClaims, rawClaims, "API next", "raw SKIP LOCKED"));
            }
            if (runs("release")) {
                int waiting = Integer.getInteger("bench.release-items", 200_000);
                report.addAll(releasePhase(waiting, 0));
                int pace = Integer.getInteger("bench.release-pace", 250);
                if (pace > 0 && Integer.getInteger("bench.release-callers", 8) > 0) {
                    report.addAll(releasePhase(waiting, pace));
                }
            }

            long size = count();
            if (runs("reads")) {
                double summaryBig = median(15, () -> api.get("/api/outages/" + outageId + "/summary", leadToken));
                double pageBig = median(15, () -> api.get(queuePage(), leadToken));
                report.add(String.format("%-34s %10.1f ms at %,d items, %10.1f ms at %,d items: %.2fx",
                        "Summary (median)", summary10k, 10_000, summaryBig, size, summaryBig / summary10k));
                report.add(String.format("%-34s %10.1f ms at %,d items, %10.1f ms at %,d items: %.2fx",
                        "Queue first page (median)", page10k, 10_000, pageBig, size, pageBig / page10k));
            }
            if (runs("lists")) {
                report.add("Lists of 20 at 10,000 items (median ms, and beside reading one item with GET /api/items/{id}):");
                report.addAll(lists10k);
                report.add(String.format("Lists of 20 at %,d items:", size));
                report.addAll(listPhases(15, true));
            }
            if (runs("fhir")) {
                List<String> fhirBig = fhirPhases(15);
                report.add("FHIR at 10,000 items (median ms, and beside reading one item with GET /api/items/{id}):");
                report.addAll(fhir10k);
                report.add(String.format("FHIR at %,d items:", size));
                report.addAll(fhirBig);
            }
            if (runs("export")) {
                double rawRead = rawReadRate();
                double exported = exportRate(size);
                report.add(line("CSV export of " + String.format("%,d", size) + ", rows/s", exported, rawRead,
                        "API", "raw JDBC read"));
            }
            if (runs("verify")) {
                report.add(verifyPhase());
            }
            if (runs("cluster")) {
                report.addAll(ClusterPhase.run(phase, warmUp));
            }

            System.out.println();
            System.out.println("Downtime Backlog benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
                    + warmUp.toSeconds() + " s warm-up and " + phase.toSeconds() + " s measured a phase)");
            report.forEach(System.out::println);
        } finally {
            server.close();
        }
    }

    /** Whether {@code -Dbench.phases} (a comma-separated list; default every phase) names this phase. */
    private static boolean runs(String phase) {
        String phases = System.getProperty("bench.phases", "");
        return phases.isBlank() || Arrays.asList(phases.split(",")).contains(phase);
    }

    /** The seeding and the raw references write rows directly: bring the summary's running counts up to date. */
    private void recount() {
        long start = System.nanoTime();
        server.getApplicationContext().getBean(SummaryService.class).rebuildCounts(outageId);
        System.out.printf("Recounted the summary's running counts in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /**
     * The median time of each FHIR path a client takes (a read, the first and the last page, each search filter, a
     * patient's search), each beside the median time of reading one item through the item API, in the same run.
     */
    private List<String> fhirPhases(int runs) throws SQLException {
        long firstId;
        long lastId;
        String nhs;
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT MIN(id), MAX(id), (SELECT nhs_number FROM item WHERE outage_id = " + outageId
                        + " ORDER BY id DESC LIMIT 1) FROM item WHERE outage_id = " + outageId)) {
            rs.next();
            firstId = rs.getLong(1);
            lastId = rs.getLong(2);
            nhs = rs.getString(3);
        }
        String tasks = "/api/fhir/Task?group-identifier=" + outageId + "&_count=20";
        double one = median(runs, () -> api.get("/api/items/" + firstId, leadToken));
        Map<String, java.util.function.Supplier<Api.Response>> paths = new java.util.LinkedHashMap<>();
        paths.put("Task read", () -> api.get("/api/fhir/Task/" + firstId, leadToken));
        paths.put("Task search, first page", () -> api.get(tasks, leadToken));
        paths.put("Task search, last page", () -> api.get(tasks + "&_after=" + (lastId - 20), leadToken));
        paths.put("business-status=READY", () -> api.get(tasks + "&business-status=READY", leadToken));
        paths.put("status=in-progress", () -> api.get(tasks + "&status=in-progress", leadToken));
        paths.put("status=completed (none)", () -> api.get(tasks + "&status=completed", leadToken));
        paths.put("target-system=" + SYSTEMS[0], () -> api.get(tasks + "&target-system=" + SYSTEMS[0], leadToken));
        paths.put("patient (POST _search)", () -> api.send("POST", "/api/fhir/Task/_search", leadToken,
                "group-identifier=" + outageId + "&patient:identifier=https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C" + nhs,
                "Content-Type", "application/x-www-form-urlencoded"));
        List<String> lines = new ArrayList<>();
        paths.forEach((name, call) -> {
            double ms = median(runs, call);
            lines.add(String.format("  %-32s %8.1f ms, one item %6.1f ms: %5.2fx", name, ms, one, ms / one));
        });
        return lines;
    }

    /**
     * The median time of a page of 20 in every sort order the item list offers and with each filter the web app sets
     * (status, system, ward) in its own order and the API's default, each beside the median time of reading one item
     * in the same run; with {@code deep}, page 5,000 (reached by its cursor, and by the old offset) beside page 1.
     */
    private List<String> listPhases(int runs, boolean deep) throws SQLException {
        long firstId;
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT MIN(id) FROM item WHERE outage_id = " + outageId)) {
            rs.next();
            firstId = rs.getLong(1);
        }
        String list = "/api/items?outageId=" + outageId + "&size=20";
        double one = median(runs, () -> api.get("/api/items/" + firstId, leadToken));
        Map<String, String> paths = new java.util.LinkedHashMap<>();
        for (String field : List.of("loggedAt", "occurredAt", "ward", "category", "status", "targetSystem", "id",
                "priority")) {
            paths.put("sort=" + field, list + "&sort=" + field);
            paths.put("sort=-" + field, list + "&sort=-" + field);
        }
        for (String sort : List.of("priority", "-loggedAt")) {
            paths.put("status=READY, sort=" + sort, list + "&status=READY&sort=" + sort);
            paths.put("targetSystem=" + SYSTEMS[1] + ", sort=" + sort, list + "&targetSystem=" + SYSTEMS[1] + "&sort=" + sort);
            paths.put("ward=Ward 7, sort=" + sort, list + "&ward=Ward%207&sort=" + sort);
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format("  %-40s %8.1f ms", "one item (the reference)", one));
        paths.forEach((name, path) -> {
            double ms = median(runs, () -> api.get(path, leadToken));
            lines.add(String.format("  %-40s %8.1f ms: %5.2fx one item", name, ms, ms / one));
        });
        if (deep) {
            for (String sort : List.of("-loggedAt", "priority", "-ward")) {
                String first = list + "&sort=" + sort;
                String deepCursor = cursorAt(sort, 100_000);
                double page1 = median(runs, () -> api.get(first, leadToken));
                double page5000 = median(runs, () -> api.get(first + "&cursor=" + deepCursor, leadToken));
                double offset5000 = median(Math.min(runs, 5), () -> api.get(first + "&page=4999", leadToken));
                lines.add(String.format("  %-40s page 1 %6.1f ms, page 5,000 by cursor %6.1f ms: %5.2fx"
                        + " (by offset %7.1f ms: %6.2fx)", "sort=" + sort, page1, page5000, page5000 / page1,
                        offset5000, offset5000 / page1));
            }
        }
        return lines;
    }

    /** The cursor after the first {@code items} of the outage's list in this order, walked 200 at a time. */
    private String cursorAt(String sort, int items) {
        String cursor = null;
        for (int shown = 0; shown < items; shown += 200) {
            Api.Response r = api.get("/api/items?outageId=" + outageId + "&size=200&sort=" + sort
                    + (cursor == null ? "" : "&cursor=" + cursor), leadToken);
            check(r, 200);
            cursor = java.net.URLEncoder.encode(r.body().get("next").asText(), java.nio.charset.StandardCharsets.UTF_8);
        }
        return cursor;
    }

    private String queuePage() {
        return "/api/items?outageId=" + outageId + "&status=READY&sort=priority&size=50";
    }

    private void setUp() {
        String admin = api.adminToken();
        Api.Response lead = api.post("/api/users", admin, Map.of("username", "bench-lead", "displayName", "Bench lead",
                "password", "bench-lead-password", "roles", List.of("TEAM_LEAD"), "sites", List.of(SITE),
                "targetSystems", Arrays.asList(SYSTEMS)));
        check(lead, 201);
        leadToken = api.login("bench-lead", "bench-lead-password").get("access_token").asText();
        for (int i = 0; i < 64; i++) {
            String name = "bench-clerk-" + i;
            check(api.post("/api/users", admin, Map.of("username", name, "displayName", name,
                    "password", "bench-clerk-password", "roles", List.of("CLERK"), "sites", List.of(SITE),
                    "targetSystems", Arrays.asList(SYSTEMS))), 201);
            String token = api.login(name, "bench-clerk-password").get("access_token").asText();
            clerks.add(new Api.User(0, name, "", token));
        }
        outageId = api.post("/api/outages", leadToken, Map.of("title", "Benchmark outage", "sites", List.of(SITE),
                "systems", Arrays.asList(SYSTEMS), "startedAt", Instant.now().minus(Duration.ofHours(48)).toString(),
                "drill", true))
                .body().get("id").asLong();
        for (String system : SYSTEMS) {
            check(api.post("/api/outages/" + outageId + "/systems/" + system + "/recovered", leadToken,
                    Map.of("recoveredAt", Instant.now().minusSeconds(60).toString())), 200);
        }
    }

    // ---- logging ----

    private double apiLogRate(int threads) throws Exception {
        return rate("Logging through the API", threads, worker -> {
            var body = Api.item(outageId, SITE);
            ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("patient")).put("nhsNumber", nhsNumber());
            body.put("targetSystem", SYSTEMS[ThreadLocalRandom.current().nextInt(SYSTEMS.length)]);
            body.put("category", CATEGORIES[ThreadLocalRandom.current().nextInt(CATEGORIES.length)]);
            Api.Response r = api.post("/api/items", clerks.get(worker).token(), body, "Idempotency-Key", UUID.randomUUID().toString());
            return r.status() == 201;
        });
    }

    /** Items a second logged through POST /api/items/batch, {@code BATCH} items a request. */
    private double apiBatchLogRate(int threads) throws Exception {
        return rate("Batch logging through the API", threads, worker -> {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                var body = Api.item(outageId, SITE);
                ((com.fasterxml.jackson.databind.node.ObjectNode) body.get("patient")).put("nhsNumber", nhsNumber());
                body.put("targetSystem", SYSTEMS[ThreadLocalRandom.current().nextInt(SYSTEMS.length)]);
                body.put("category", CATEGORIES[ThreadLocalRandom.current().nextInt(CATEGORIES.length)]);
                entries.add(Map.of("idempotencyKey", UUID.randomUUID().toString(), "item", body));
            }
            Api.Response r = api.post("/api/items/batch", clerks.get(worker).token(), Map.of("items", entries));
            return r.status() == 200 && r.body().get("created").asInt() == BATCH;
        }, BATCH);
    }

    /** Items a second inserted with their audit rows by plain JDBC, {@code BATCH} items (one multi-row insert each) a transaction. */
    private double rawBatchInsertRate(int threads) throws Exception {
        return rateJdbc("Batch logging with raw JDBC", threads, (c, worker) -> {
            try (PreparedStatement item = c.prepareStatement(INSERT_ITEM, PreparedStatement.RETURN_GENERATED_KEYS);
                 PreparedStatement audit = c.prepareStatement(INSERT_AUDIT)) {
                Instant now = Instant.now();
                for (int i = 0; i < BATCH; i++) {
                    bindItem(item, now, "READY");
                    item.addBatch();
                }
                item.executeBatch();
                try (ResultSet keys = item.getGeneratedKeys()) {
                    while (keys.next()) {
                        long id = keys.getLong(1);
                        bindAudit(audit, worker, id);
                        audit.addBatch();
                    }
                }
                audit.executeBatch();
                c.commit();
                return true;
            }
        }, BATCH);
    }

    private static void bindAudit(PreparedStatement audit, int worker, long id) throws SQLException {
        audit.setTimestamp(1, Timestamp.from(Instant.now()));
        audit.setString(2, "bench-clerk-" + worker);
        audit.setLong(3, id);
        audit.setLong(4, id);
        audit.setString(5, "{\"summary\":{\"old\":null,\"new\":\"Paracetamol 1 g oral\"}}");
    }

    private double rawInsertRate(int threads) throws Exception {
        return rateJdbc("Logging with raw JDBC", threads, (c, worker) -> {
            try (PreparedStatement item = c.prepareStatement(INSERT_ITEM, PreparedStatement.RETURN_GENERATED_KEYS);
                 PreparedStatement audit = c.prepareStatement(INSERT_AUDIT)) {
                bindItem(item, Instant.now(), "READY");
                item.executeUpdate();
                long id;
                try (ResultSet keys = item.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
                bindAudit(audit, worker, id);
                audit.executeUpdate();
                c.commit();
                return true;
            }
        });
    }

    /**
     * The list of items waiting for a second check (GET /api/queue/verify, up to 200) once a tenth of the outage's
     * READY items are entered and closed (routine items close on entry) and a hundredth entered and waiting, beside
     * reading one item and a list page of 200 in priority order. Runs after the other reads: it changes the items.
     */
    private String verifyPhase() throws SQLException {
        try (Connection c = connect(); PreparedStatement enter = c.prepareStatement(
                "UPDATE item SET status = 'ENTERED', entered_by = 'bench-raw', entered_at = NOW(6), closed_at = ?"
                        + " WHERE outage_id = ? AND status = 'READY' AND id % ? = ?")) {
            enter.setTimestamp(1, Timestamp.from(Instant.now()));
            enter.setLong(2, outageId);
            enter.setInt(3, 10);
            enter.setInt(4, 0);
            long closed = enter.executeUpdate();
            enter.setTimestamp(1, null);
            enter.setInt(3, 100);
            enter.setInt(4, 1);
            long waiting = enter.executeUpdate();
            c.commit();
            System.out.printf("Entered %,d items closed on entry and %,d waiting for a second check%n", closed, waiting);
        }
        long firstId = firstItemId();
        double one = median(15, () -> api.get("/api/items/" + firstId, leadToken));
        double page = median(15, () -> api.get("/api/items?outageId=" + outageId + "&size=200&sort=priority", leadToken));
        double verify = median(15, () -> api.get("/api/queue/verify", leadToken));
        return String.format("Waiting for a second check, 200 (median) %8.1f ms: %5.2fx one item (%.1f ms), %5.2fx a "
                + "list page of 200 (%.1f ms)", verify, verify / one, one, verify / page, page);
    }

    private long firstItemId() throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT MIN(id) FROM item WHERE outage_id = " + outageId)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---- claiming ----

    private double apiClaimRate(int threads) throws Exception {
        return rate("Claiming through the API", threads, worker -> api.post("/api/queue/next", clerks.get(worker).token(),
                Map.of("drill", true)).status() == 200);
    }

    private double rawClaimRate(int threads) throws Exception {
        return rateJdbc("Claiming with raw JDBC", threads, (c, worker) -> {
            // as the service claims for a person of several systems: each system's first READY item read from the
            // queue's index without a lock, then the systems in that order, the first free item of the first taken
            String head = "(SELECT target_system, priority_band, queue_rank, occurred_at, id FROM item FORCE INDEX"
                    + " (ix_item_queue) WHERE status = 'READY' AND closed_at IS NULL AND target_system = ? AND site IN (?)"
                    + " ORDER BY " + QUEUE_ORDER + " LIMIT 1)";
            try (PreparedStatement heads = c.prepareStatement(String.join(" UNION ALL ",
                    java.util.Collections.nCopies(SYSTEMS.length, head)) + " ORDER BY " + QUEUE_ORDER);
                 PreparedStatement next = c.prepareStatement(
                    "SELECT id FROM item FORCE INDEX (ix_item_queue) WHERE status = 'READY' AND closed_at IS NULL AND target_system = ? "
                            + "AND site IN (?) ORDER BY " + QUEUE_ORDER + " LIMIT 1 FOR UPDATE SKIP LOCKED");
                 PreparedStatement claim = c.prepareStatement(
                         "UPDATE item SET status = 'ASSIGNED', assigned_to = ?, assigned_at = ?, updated_at = ?, version = version + 1 WHERE id = ?");
                 PreparedStatement audit = c.prepareStatement(
                         "INSERT INTO audit_event (occurred_at, actor_id, actor_username, action, entity_type, entity_id, item_id, changes) "
                                 + "VALUES (?, NULL, ?, 'ITEM_CLAIMED', 'ITEM', ?, ?, '{\"status\":{\"old\":\"READY\",\"new\":\"ASSIGNED\"}}')")) {
                for (int i = 0; i < SYSTEMS.length; i++) {
                    heads.setString(2 * i + 1, SYSTEMS[i]);
                    heads.setString(2 * i + 2, SITE);
                }
                List<String> order = new ArrayList<>();
                try (ResultSet rs = heads.executeQuery()) {
                    while (rs.next()) {
                        order.add(rs.getString(1));
                    }
                }
                long id = 0;
                for (String system : order) {
                    next.setString(1, system);
                    next.setString(2, SITE);
                    try (ResultSet rs = next.executeQuery()) {
                        if (rs.next()) {
                            id = rs.getLong(1);
                            break;
                        }
                    }
                }
                if (id == 0) {
                    c.rollback();
                    return false;
                }
                Timestamp now = Timestamp.from(Instant.now());
                claim.setString(1, "bench-raw-" + worker);
                claim.setTimestamp(2, now);
                claim.setTimestamp(3, now);
                claim.setLong(4, id);
                claim.executeUpdate();
                audit.setTimestamp(1, now);
                audit.setString(2, "bench-raw-" + worker);
                audit.setLong(3, id);
                audit.setLong(4, id);
                audit.executeUpdate();
                c.commit();
                return true;
            }
        });
    }

    // ---- seeding ----

    private static final int BATCH = 100;
    private static final String INSERT_AUDIT = "INSERT INTO audit_event (occurred_at, actor_id, actor_username, action, "
            + "entity_type, entity_id, item_id, changes) VALUES (?, NULL, ?, 'ITEM_CREATED', 'ITEM', ?, ?, ?)";
    private static final String INSERT_ITEM = """
            INSERT INTO item (outage_id, site, ward, category, target_system, nhs_number, local_id, patient_name,
              date_of_birth, occurred_at, recorded_by, paper_reference, summary, details, high_risk, patient_status,
              status, logged_at, logged_by, updated_at, version, priority_score, priority_band, priority_reasons,
              queue_rank)
            VALUES (?, ?, ?, ?, ?, ?, NULL, 'Bench Patient', '1950-03-02', ?, 'Nurse Bench', NULL,
              'Seeded item', NULL, ?, ?, ?, ?, 'bench-seed', ?, 1, ?, ?, 'seeded',
              priority_score * 3600 - TIMESTAMPDIFF(SECOND, '1970-01-01 00:00:00', occurred_at))""";

    /** A random valid NHS number from the range kept for test data (999 000 0000 to 999 999 9999). */
    static String nhsNumber() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            String first9 = "999" + String.format("%06d", random.nextInt(1_000_000));
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (first9.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return first9 + check;
            }
        }
    }

    private void bindItem(PreparedStatement ps, Instant loggedAt, String status) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int score = random.nextInt(5, 115);
        ps.setLong(1, outageId);
        ps.setString(2, SITE);
        ps.setString(3, "Ward " + random.nextInt(1, 40));
        ps.setString(4, CATEGORIES[random.nextInt(CATEGORIES.length)]);
        ps.setString(5, SYSTEMS[random.nextInt(SYSTEMS.length)]);
        ps.setString(6, nhsNumber());
        ps.setTimestamp(7, Timestamp.from(loggedAt.minusSeconds(random.nextInt(1, 48 * 3600))));
        ps.setBoolean(8, random.nextInt(10) == 0);
        ps.setString(9, STATUSES[random.nextInt(STATUSES.length)]);
        ps.setString(10, status);
        ps.setTimestamp(11, Timestamp.from(loggedAt));
        ps.setTimestamp(12, Timestamp.from(loggedAt));
        ps.setInt(13, score);
        ps.setInt(14, score >= 70 ? 1 : score >= 50 ? 2 : score >= 30 ? 3 : 4);
    }

    /** Inserts items straight into the table (READY, spread over the 48 hours of the outage) until it holds {@code size}. */
    private void seedTo(long size) throws Exception {
        long missing = size - count();
        if (missing <= 0) {
            return;
        }
        System.out.printf("Seeding %,d items...%n", missing);
        long began = System.nanoTime();
        int threads = 4;
        long perThread = missing / threads + 1;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(INSERT_ITEM)) {
                    Instant start = Instant.now().minus(Duration.ofHours(47));
                    for (long i = 0; i < perThread; i++) {
                        bindItem(ps, start.plusSeconds(ThreadLocalRandom.current().nextInt(0, 47 * 3600)), "READY");
                        ps.addBatch();
                        if (i % 2000 == 1999) {
                            ps.executeBatch();
                            c.commit();
                        }
                    }
                    ps.executeBatch();
                    c.commit();
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("Seeded in %.0f s%n", (System.nanoTime() - began) / 1e9);
    }

    private long count() throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM item WHERE outage_id = " + outageId)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * A system with {@code waiting} items recovers: how long until every one is READY, and how quickly
     * {@code POST /api/queue/next} on another system answers meanwhile (8 callers), beside the same callers just before.
     * {@code paceMillis}: 0, each caller claims again the moment it has an answer (the machine is never idle); else
     * each starts a claim every {@code paceMillis}, or at once when it is behind.
     */
    private List<String> releasePhase(int waiting, int paceMillis) throws Exception {
        long releaseOutage = api.post("/api/outages", leadToken, Map.of("title", "Release benchmark", "sites",
                List.of(SITE), "systems", List.of("RIS"), "startedAt", Instant.now().minus(Duration.ofHours(48)).toString(),
                "drill", true))
                .body().get("id").asLong();
        System.out.printf("Seeding %,d items waiting for RIS...%n", waiting);
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(INSERT_ITEM)) {
            Instant start = Instant.now().minus(Duration.ofHours(47));
            for (int i = 0; i < waiting; i++) {
                bindItem(ps, start.plusSeconds(ThreadLocalRandom.current().nextInt(0, 47 * 3600)), "LOGGED");
                ps.setLong(1, releaseOutage);
                ps.setString(5, "RIS");
                ps.addBatch();
                if (i % 2000 == 1999) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        }
        server.getApplicationContext().getBean(SummaryService.class).rebuildCounts(releaseOutage);
        List<Long> before = nextLatencies(Duration.ofSeconds(10), () -> false, paceMillis);
        long began = System.nanoTime();
        AtomicBoolean released = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            // whether any item still waits, not how many: counting them ten times a second took a core of its own
            try (Connection c = connect(); PreparedStatement waitingNow = c.prepareStatement(
                    "SELECT id FROM item WHERE outage_id = ? AND target_system = 'RIS' AND status = 'LOGGED' LIMIT 1")) {
                waitingNow.setLong(1, releaseOutage);
                while (true) {
                    try (ResultSet rs = waitingNow.executeQuery()) {
                        boolean any = rs.next();
                        c.commit();
                        if (!any) {
                            break;
                        }
                    }
                    Thread.sleep(100);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                released.set(true);
            }
        });
        check(api.post("/api/outages/" + releaseOutage + "/systems/RIS/recovered", leadToken,
                Map.of("recoveredAt", Instant.now().minusSeconds(1).toString())), 200);
        watcher.start();
        List<Long> during = nextLatencies(Duration.ofMinutes(30), released::get, paceMillis);
        watcher.join();
        double seconds = (System.nanoTime() - began) / 1e9;
        String release = String.format("Release of %,d waiting items: %.1f s (%,.0f items/s)", waiting, seconds,
                waiting / seconds);
        if (during.isEmpty()) {
            return List.of(release + ", with no one claiming meanwhile");
        }
        String callers = paceMillis == 0 ? "claiming back to back" : "each claiming every " + paceMillis + " ms";
        return List.of(release + String.format(", %d clerks %s on another system",
                        Integer.getInteger("bench.release-callers", 8), callers),
                String.format("  next on another system during it: p50 %.1f ms, p99 %.1f ms (%,d calls); just before: "
                                + "p50 %.1f ms, p99 %.1f ms (%,d calls)", percentile(during, 50), percentile(during, 99),
                        during.size(), percentile(before, 50), percentile(before, 99), before.size()));
    }

    /** Latencies of POST /api/queue/next on EMAR by 8 callers, until {@code done} or {@code longest} has passed. */
    private List<Long> nextLatencies(Duration longest, java.util.function.BooleanSupplier done, int paceMillis)
            throws Exception {
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong refused = new AtomicLong();
        long end = System.nanoTime() + longest.toNanos();
        int count = Integer.getInteger("bench.release-callers", 8);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, count));
        List<Future<?>> callers = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            int worker = t;
            callers.add(pool.submit(() -> {
                long due = System.nanoTime();
                while (!done.getAsBoolean() && System.nanoTime() < end) {
                    if (paceMillis > 0) {
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                        due = Math.max(due, System.nanoTime()) + paceMillis * 1_000_000L;
                    }
                    long start = System.nanoTime();
                    Api.Response r = api.post("/api/queue/next", clerks.get(worker).token(),
                            Map.of("targetSystems", List.of("EMAR"), "drill", true));
                    if (r.status() == 503) {
                        refused.incrementAndGet();
                    } else if (r.status() != 200) {
                        throw new IllegalStateException("next answered " + r);
                    }
                    latencies.add(System.nanoTime() - start);
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : callers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (refused.get() > 0) {
            System.out.printf("  next answered 503 (a clash, to retry) %,d times of %,d%n", refused.get(), latencies.size());
        }
        return latencies;
    }

    private static double percentile(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        java.util.Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }

    /**
     * Rows a second of a CSV import into the outage, from the start of the upload to the import's end: every row a
     * new item (and its audit event, duplicate check and key), four rows at a time as the service runs them.
     */
    private double importRate(int rows) throws Exception {
        StringBuilder csv = new StringBuilder("NHS number,Ward,Time,Given by,What,System\n");
        String time = Instant.now().minus(Duration.ofHours(1)).toString();
        for (int n = 0; n < rows; n++) {
            csv.append(nhsNumber()).append(",Ward ").append(n % 30).append(',').append(time).append(",Nurse ")
                    .append(n % 97).append(",Imported dose ").append(n).append(',').append(SYSTEMS[n % SYSTEMS.length])
                    .append('\n');
        }
        long start = System.nanoTime();
        long id = org.downtimebacklog.support.Imports.upload(api, leadToken, outageId, "bench.csv",
                csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).get("id").asLong();
        org.downtimebacklog.support.Imports.start(api, leadToken, id, Map.of(
                "columns", Map.of("NHS number", "patient.nhsNumber", "Ward", "ward", "Time", "occurredAt",
                        "Given by", "recordedBy", "What", "summary", "System", "targetSystem"),
                "values", Map.of("site", SITE, "category", "OBSERVATIONS", "highRisk", "no", "patientStatus", "INPATIENT")));
        var done = org.downtimebacklog.support.Imports.awaitEnd(api, leadToken, id, Duration.ofHours(1));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (done.get("rowsStored").asInt() != rows) {
            throw new IllegalStateException("the import stored " + done.get("rowsStored") + " of " + rows + ": " + done);
        }
        System.out.printf("CSV import of %,d rows: %.1f s%n", rows, seconds);
        return rows / seconds;
    }

    /** Rows a second of GET /api/exports/items.csv for the whole outage, read as a spreadsheet would, start to end. */
    private double exportRate(long size) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long start = System.nanoTime();
        java.net.http.HttpResponse<java.io.InputStream> answer = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(server.getURI() + "/api/exports/items.csv?outageId=" + outageId))
                .header("Authorization", "Bearer " + leadToken).build(),
                java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        long lines = 0;
        try (java.io.InputStream in = answer.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (answer.statusCode() != 200 || lines - 1 != size) {
            throw new IllegalStateException("the export gave " + answer.statusCode() + " with " + (lines - 1) + " rows");
        }
        return size / seconds;
    }

    /** The reference: the same rows read with plain JDBC, streamed, every column fetched. */
    private double rawReadRate() throws SQLException {
        try (Connection c = connect(); java.sql.Statement st = c.createStatement(java.sql.ResultSet.TYPE_FORWARD_ONLY,
                java.sql.ResultSet.CONCUR_READ_ONLY)) {
            st.setFetchSize(Integer.MIN_VALUE);
            long start = System.nanoTime();
            long rows = 0;
            try (ResultSet rs = st.executeQuery("SELECT * FROM item WHERE outage_id = " + outageId + " ORDER BY id")) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        rs.getString(i);
                    }
                    rows++;
                }
            }
            c.commit();
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }

    // ---- measuring ----

    private interface Op {
        boolean run(int worker) throws Exception;
    }

    private interface JdbcOp {
        boolean run(Connection c, int worker) throws Exception;
    }

    /** Successful operations per second over a phase, after the warm-up ({@code bench.warmup}, 30 s). */
    private double rate(String name, int threads, Op op) throws Exception {
        return rate(name, threads, op, 1);
    }

    /** As {@link #rate(String, int, Op)}, where each operation does {@code perOp} units (items of a batch), per unit. */
    private double rate(String name, int threads, Op op, int perOp) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        List<Long> clientThreads = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int worker = t;
            futures.add(pool.submit(() -> {
                clientThreads.add(Thread.currentThread().getId());
                while (!stop.get()) {
                    if (op.run(worker) && counting.get()) {
                        done.addAndGet(perOp);
                    }
                }
                return null;
            }));
        }
        Thread.sleep(warmUp.toMillis());
        Cost before = cost(clientThreads);
        counting.set(true);
        long start = System.nanoTime();
        Thread.sleep(phase.toMillis());
        long n = done.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.println(name + ":");
        cost(clientThreads).minus(before).print(n);
        stop.set(true);
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return n / elapsed;
    }

    private double rateJdbc(String name, int threads, JdbcOp op) throws Exception {
        return rateJdbc(name, threads, op, 1);
    }

    private double rateJdbc(String name, int threads, JdbcOp op, int perOp) throws Exception {
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            connections.add(connect());
        }
        try {
            return rate(name, threads, worker -> op.run(connections.get(worker), worker), perOp);
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    /**
     * What a phase cost, to show what limits it: CPU time of the client threads, of the rest of this JVM (the service,
     * with its compiler, garbage collector and the HTTP client's I/O threads), of the embedded database process, and the
     * database's statement counters ("questions" is every statement).
     */
    private record Cost(long clientNanos, long jvmNanos, long databaseNanos, Map<String, Long> statements) {

        Cost minus(Cost earlier) {
            Map<String, Long> counts = new LinkedHashMap<>();
            statements.forEach((name, n) -> counts.put(name, n - earlier.statements.getOrDefault(name, 0L)));
            return new Cost(clientNanos - earlier.clientNanos, jvmNanos - earlier.jvmNanos,
                    databaseNanos - earlier.databaseNanos, counts);
        }

        void print(long operations) {
            double each = Math.max(operations, 1);
            System.out.printf("  %,d operations. CPU per operation: service %.2f ms, clients %.2f ms, database %s%n",
                    operations, (jvmNanos - clientNanos) / 1e6 / each, clientNanos / 1e6 / each,
                    databaseNanos < 0 ? "not measured (external)" : String.format("%.2f ms", databaseNanos / 1e6 / each));
            StringBuilder line = new StringBuilder("  Database statements per operation:");
            statements.forEach((name, n) -> {
                if (n / each >= 0.05) {
                    line.append(String.format(" %s %.1f", name, n / each));
                }
            });
            System.out.println(line);
        }
    }

    private Cost cost(List<Long> clientThreads) throws SQLException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long clients;
        synchronized (clientThreads) {
            clients = clientThreads.stream().mapToLong(threads::getThreadCpuTime).filter(t -> t > 0).sum();
        }
        long jvm = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toNanos();
        long database = ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd") || c.endsWith("mysqld")).orElse(false))
                .findFirst()
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO).toNanos())
                .orElse(-1L);
        Map<String, Long> statements = new LinkedHashMap<>();
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(
                "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_select', 'Com_insert', 'Com_update', "
                        + "'Com_delete', 'Com_commit', 'Com_rollback', 'Com_set_option')")) {
            while (rs.next()) {
                statements.put(rs.getString(1).replace("Com_", "").toLowerCase(Locale.ROOT), Long.parseLong(rs.getString(2)));
            }
        }
        return new Cost(clients, jvm, database, statements);
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, password);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        c.setAutoCommit(false);
        return c;
    }

    private static double median(int runs, java.util.function.Supplier<Api.Response> call) {
        for (int i = 0; i < 3; i++) {
            check(call.get(), 200);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            check(call.get(), 200);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    static String line(String what, double value, double reference, String name, String refName) {
        return String.format("%-34s %s %,10.0f, %s %,10.0f: %3.0f%% of the reference", what, name, value, refName,
                reference, 100 * value / reference);
    }

    private static void check(Api.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + " but got " + r);
        }
    }

}

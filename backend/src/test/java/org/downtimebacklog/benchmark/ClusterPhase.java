package org.downtimebacklog.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.io.FileUtils;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ClerkClient;
import org.downtimebacklog.support.GaleraCluster;
import org.downtimebacklog.support.GaleraDeployment;
import org.downtimebacklog.support.ServiceProcess;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's {@code cluster} phase: logging and claiming through 2 service processes on a 3-node MariaDB Galera
 * cluster, each process talking to a different node first (as {@code GaleraClusterTest} runs them), beside 1 service
 * process on its own embedded database, the same work measured in the same run. Every service runs in a JVM of its own
 * and every client in the benchmark's JVM, on this one machine: the cluster's three nodes share its cores, so the ratio
 * shows what the cluster costs, not what more machines would gain.
 *
 * <p>Each side gets the same outage (a drill at a new site, its three systems recovered), a team lead and
 * {@value #CLERKS} clerks, and {@code bench.cluster-items} READY items logged through {@code POST /api/items/batch}
 * (categories that close on entry). Then, each after the benchmark's warm-up:
 * <ol>
 * <li>claiming: {@value #CLERKS} clerks each take the next item ({@code POST /api/queue/next}) through their own
 * service and enter it ({@code ENTERED}, If-Match its version) through the other, as {@code GaleraClusterTest}'s
 * workers do; a claim counts once it is entered;</li>
 * <li>logging: the same clerks each log items ({@code POST /api/items}, an Idempotency-Key each) through their own
 * service.</li>
 * </ol>
 * A 503 with Retry-After is sent again after 200 ms and counted. Afterwards, read from the database: no item claimed
 * twice (by the workers' answers and by the audit trail's ITEM_CLAIMED events), no acknowledged item, claim or entry
 * lost, nothing left held, and on the cluster every node holding the same items.
 *
 * <p>Skipped, saying so, where the Galera packages are not installed. Everything it starts is stopped at its end, also
 * after a failure or an interrupt, and its directory removed.
 */
final class ClusterPhase {

    private static final int CLERKS = 32;
    private static final int BATCH = 100;
    private static final String[] SYSTEMS = {"EHR", "EMAR", "LIMS"};
    private static final String[] CATEGORIES = {"MEDICATION_ADMINISTRATION", "OBSERVATIONS", "ORDER", "RESULT",
            "CLINICAL_NOTE", "PRESCRIPTION", "TRANSFER"};
    /** Categories whose entry closes the item without a second person's check (backlog.queue.four-eyes-categories). */
    private static final String[] CLOSED_ON_ENTRY = {"OBSERVATIONS", "ORDER", "CLINICAL_NOTE", "TRANSFER"};
    private static final String CLUSTER = "Galera (2 services, 3 nodes)";
    /** The same for both sides: tokens outlive a long phase. */
    private static final Map<String, String> SERVICE_SETTINGS = Map.of("BACKLOG_ACCESS_TOKEN_SECONDS", "7200");

    private final Duration phase;
    private final Duration warmUp;
    private final int queued;
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Path root;
    private Future<GaleraCluster> clusterStart;
    private GaleraCluster cluster;

    private ClusterPhase(Duration phase, Duration warmUp, int queued) {
        this.phase = phase;
        this.warmUp = warmUp;
        this.queued = queued;
    }

    /** Runs the phase and returns its report lines; one line saying why when it was skipped or failed. */
    static List<String> run(Duration phase, Duration warmUp) {
        String missing = GaleraCluster.missing();
        if (missing != null) {
            String line = "Cluster phase skipped: " + missing;
            System.out.println(line);
            return List.of(line);
        }
        // enough that the queue lasts the warm-up and the phase at 250 claims a second (one service on 2 cores does
        // about 100: a claim and its entry cost about 17 ms of CPU in all)
        int queued = Integer.getInteger("bench.cluster-items",
                (int) (250 * (warmUp.toSeconds() + phase.toSeconds())));
        ClusterPhase cluster = new ClusterPhase(phase, warmUp, queued);
        // an interrupted benchmark (Ctrl-C) stops the nodes and services too
        Thread stop = new Thread(cluster::close, "cluster-phase-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        long began = System.nanoTime();
        try {
            List<String> lines = new ArrayList<>(cluster.measure());
            lines.add(String.format("  The cluster phase took %.0f s", (System.nanoTime() - began) / 1e9));
            return lines;
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            cluster.keepLogs();
            return List.of("Cluster phase failed (service and node logs in target/bench-cluster-*.log): " + e);
        } finally {
            cluster.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    private List<String> measure() throws Exception {
        // a short directory: the nodes' Unix socket paths must stay under about 100 characters
        root = Files.createTempDirectory(Path.of("/tmp"), "bench-galera-");
        long began = System.nanoTime();
        ExecutorService starter = Executors.newSingleThreadExecutor();
        clusterStart = starter.submit(() -> GaleraDeployment.startCluster(root.resolve("db")));
        starter.shutdown();

        // the reference: its service starts while the cluster does; it is set up and measured once the cluster has
        // started (and idles), and stopped before the cluster's services start
        int dbPort = freePort();
        Path embeddedData = Files.createDirectories(root.resolve("embedded"));
        Map<String, String> embeddedSettings = new HashMap<>(SERVICE_SETTINGS);
        embeddedSettings.put("BACKLOG_DB_PORT", String.valueOf(dbPort));
        ServiceProcess single = new ServiceProcess(embeddedData, embeddedSettings);
        services.add(single);
        single.start();
        System.out.printf("1 service on its embedded database started in %.0f s%n", (System.nanoTime() - began) / 1e9);
        String ownerPassword = Files.readString(embeddedData.resolve("db-owner-password")).trim();
        Side embedded = new Side("1 service embedded", List.of(single), single.databases(),
                List.of(() -> DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + dbPort
                        + "/backlog?sslMode=DISABLED&connectionCollation=utf8mb4_general_ci", "backlog_owner",
                        ownerPassword)));
        cluster = clusterStart.get();
        System.out.printf("Galera cluster of 3 nodes started in %.0f s%n", (System.nanoTime() - began) / 1e9);
        embedded.prepare();
        embedded.measure();
        embedded.check();
        single.shutDown();
        single.stop();

        long servicesStart = System.nanoTime();
        GaleraDeployment.createAccounts(cluster);
        GaleraDeployment.startServices(cluster, root, 2, SERVICE_SETTINGS, services);
        List<ServiceProcess> pair = List.copyOf(services.subList(services.size() - 2, services.size()));
        System.out.printf("2 services on the cluster started in %.0f s%n", (System.nanoTime() - servicesStart) / 1e9);
        List<ProcessHandle> nodes = new ArrayList<>();
        List<Callable<Connection>> owners = new ArrayList<>();
        for (int node = 1; node <= cluster.size(); node++) {
            int n = node;
            nodes.add(ProcessHandle.of(cluster.pid(node)).orElseThrow());
            owners.add(() -> GaleraDeployment.owner(cluster, n));
        }
        Side galera = new Side("cluster", pair, nodes, owners);
        galera.prepare();
        galera.measure();
        galera.check();

        return List.of(
                Benchmark.line("Logging on " + CLUSTER + ", items/s (" + CLERKS + " clients)", galera.logged,
                        embedded.logged, galera.name, embedded.name),
                Benchmark.line("Claiming and entering on " + CLUSTER + ", claims/s (" + CLERKS + " callers)",
                        galera.claimed, embedded.claimed, galera.name, embedded.name) + galera.dry() + embedded.dry(),
                galera.checks, embedded.checks);
    }

    /** One side of the comparison: its service processes, their database processes and each node's owner account. */
    private final class Side {
        final String name;
        final List<ServiceProcess> processes;
        final List<Api> apis;
        final List<ProcessHandle> databases;
        final List<Callable<Connection>> nodes;
        final Map<String, Long> acknowledged = new ConcurrentHashMap<>();   // Idempotency-Key -> item id
        final Map<Long, String> claimedBy = new ConcurrentHashMap<>();
        final Map<Long, String> enteredBy = new ConcurrentHashMap<>();
        final List<String> doubles = new CopyOnWriteArrayList<>();
        final List<String> unexpected = new CopyOnWriteArrayList<>();
        final AtomicInteger refusals = new AtomicInteger();                  // 503s met by clients, and retried
        final AtomicBoolean ranDry = new AtomicBoolean();
        final List<Api.User> clerks = new ArrayList<>();
        volatile boolean counting;
        Api.User lead;
        String site;
        long outageId;
        double logged;
        double claimed;
        String checks;
        Cost before;
        Cost afterClaims;
        Cost after;

        Side(String name, List<ServiceProcess> processes, List<ProcessHandle> databases,
             List<Callable<Connection>> nodes) {
            this.name = name;
            this.processes = processes;
            this.apis = processes.stream().map(p -> new Api(p.url())).toList();
            this.databases = databases;
            this.nodes = nodes;
        }

        /** Through the clerk's own service. */
        Api home(int clerk) {
            return apis.get(clerk % apis.size());
        }

        /** Through the other service (on one service, the same). */
        Api other(int clerk) {
            return apis.get((clerk + 1) % apis.size());
        }

        /** The site, its team lead and clerks, the outage with its systems recovered, and the items to claim. */
        void prepare() throws Exception {
            long began = System.nanoTime();
            site = Api.site();
            List<String> admins = apis.stream().map(Api::adminToken).toList();
            lead = user(0, admins.get(0), "TEAM_LEAD");
            for (int c = 0; c < CLERKS; c++) {
                clerks.add(user(c, admins.get(c % apis.size()), "CLERK"));
            }
            // a drill, as the benchmark's own outage: its items may carry NHS test numbers
            Api.Response outage = apis.get(0).post("/api/outages", lead.token(), Map.of("title", "Cluster benchmark",
                    "sites", List.of(site), "systems", List.of(SYSTEMS), "drill", true,
                    "startedAt", Instant.now().minus(Duration.ofHours(6)).toString()));
            expect(outage, 201);
            outageId = outage.body().get("id").asLong();
            for (String system : SYSTEMS) {
                Api.Response r = other(0).post("/api/outages/" + outageId + "/systems/" + system + "/recovered",
                        lead.token(), Map.of("recoveredAt", Instant.now().minusSeconds(5).toString()));
                expect(r, 200);
            }
            int refusedBefore = refusals.get();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> batches = new ArrayList<>();
            for (int start = 0; start < queued; start += BATCH) {
                int size = Math.min(BATCH, queued - start);
                Api via = home(start / BATCH);
                batches.add(pool.submit(() -> {
                    seed(via, size);
                    return null;
                }));
            }
            try {
                for (Future<?> f : batches) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            System.out.printf("%s: %d clerks and %,d READY items logged in %.0f s (%d batches answered 503 and sent"
                    + " again)%n", name, CLERKS, queued, (System.nanoTime() - began) / 1e9,
                    refusals.get() - refusedBefore);
            refusals.set(0);
        }

        private Api.User user(int n, String adminToken, String role) {
            Api via = home(n);
            String username = Api.unique("bench-" + role.toLowerCase(Locale.ROOT)).toLowerCase(Locale.ROOT);
            String password = "bench-password-" + UUID.randomUUID();
            Api.Response r = via.post("/api/users", adminToken, Map.of("username", username, "displayName", username,
                    "password", password, "roles", List.of(role), "sites", List.of(site),
                    "targetSystems", List.of(SYSTEMS)));
            expect(r, 201);
            return new Api.User(r.body().get("id").asLong(), username, password,
                    via.login(username, password).get("access_token").asText());
        }

        /** Logs {@code size} items at once, sending those answered 503 again with the same keys. */
        private void seed(Api via, int size) throws InterruptedException {
            Map<String, ObjectNode> pending = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                pending.put(UUID.randomUUID().toString(), item(CLOSED_ON_ENTRY));
            }
            for (int attempt = 0; attempt < 100 && !pending.isEmpty(); attempt++) {
                List<Map<String, Object>> entries = new ArrayList<>();
                pending.forEach((key, item) -> entries.add(Map.of("idempotencyKey", key, "item", item)));
                Api.Response r = via.post("/api/items/batch", lead.token(), Map.of("items", entries));
                if (r.status() == 200) {
                    for (JsonNode result : r.body().get("results")) {
                        int status = result.get("status").asInt();
                        if (status == 201 || status == 200) {
                            String key = result.get("idempotencyKey").asText();
                            acknowledged.put(key, result.get("item").get("id").asLong());
                            pending.remove(key);
                        } else if (status != 503) {
                            throw new IllegalStateException("a seeded item was refused: " + result);
                        }
                    }
                } else if (r.status() != 503) {
                    throw new IllegalStateException("the batch was refused: " + r);
                }
                if (!pending.isEmpty()) {
                    refusals.incrementAndGet();
                    Thread.sleep(200);
                }
            }
            if (!pending.isEmpty()) {
                throw new IllegalStateException(pending.size() + " seeded items still refused after 100 attempts");
            }
        }

        /** An item for a random system of the outage and a random patient, in one of {@code categories}. */
        private ObjectNode item(String[] categories) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            ObjectNode body = Api.item(outageId, site);
            ((ObjectNode) body.get("patient")).put("nhsNumber", Benchmark.nhsNumber());
            body.put("targetSystem", SYSTEMS[random.nextInt(SYSTEMS.length)]);
            body.put("category", categories[random.nextInt(categories.length)]);
            return body;
        }

        /** Claiming and entering, then logging, each over a phase after the warm-up. */
        void measure() throws Exception {
            before = cost();
            claimed = rate("Claiming and entering on " + name + " (" + CLERKS + " callers)", this::claimAndEnter);
            // what a clerk still holds (a claim answered 503 after it was made) is entered now, from their list
            for (int c = 0; c < CLERKS; c++) {
                ClerkClient.finishHeld(clerks.get(c), home(c), claimedBy, enteredBy, refusals, unexpected);
            }
            afterClaims = cost();
            logged = rate("Logging on " + name + " (" + CLERKS + " clients)", clerk -> {
                boolean acknowledgedNow = ClerkClient.logOne(home(clerk), clerks.get(clerk).token(), item(CATEGORIES),
                        acknowledged, refusals, unexpected);
                failOnUnexpected();
                return acknowledgedNow;
            });
            after = cost();
        }

        /** The next item through the clerk's own service, entered through the other: whether both were done. */
        private boolean claimAndEnter(int c) throws Exception {
            Api.User clerk = clerks.get(c);
            Api.Response claim = home(c).post("/api/queue/next", clerk.token(), Map.of("drill", true));
            if (claim.status() == 204) {
                if (counting) {
                    ranDry.set(true);
                }
                Thread.sleep(100);
                return false;
            }
            if (claim.status() == 503 && claim.header("Retry-After") != null) {
                refusals.incrementAndGet();
                Thread.sleep(200);
                ClerkClient.finishHeld(clerk, home(c), claimedBy, enteredBy, refusals, unexpected);
                failOnUnexpected();
                return false;
            }
            expect(claim, 200);
            long id = claim.body().get("id").asLong();
            if (claimedBy.putIfAbsent(id, clerk.username()) != null) {
                doubles.add(id + " to " + claimedBy.get(id) + " and " + clerk.username());
            }
            boolean entered = ClerkClient.enter(clerk, other(c), id, claim.header("ETag"), enteredBy, refusals,
                    unexpected);
            failOnUnexpected();
            return entered;
        }

        private void failOnUnexpected() {
            if (!unexpected.isEmpty()) {
                throw new IllegalStateException("unexpected answer on " + name + ": " + unexpected.get(0));
            }
        }

        /** Operations a second over the phase, after the warm-up, printed with what one cost. */
        private double rate(String title, Op op) throws Exception {
            AtomicLong done = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(CLERKS);
            List<Future<?>> workers = new ArrayList<>();
            List<Long> clientThreads = Collections.synchronizedList(new ArrayList<>());
            try {
                for (int c = 0; c < CLERKS; c++) {
                    int clerk = c;
                    workers.add(pool.submit(() -> {
                        clientThreads.add(Thread.currentThread().getId());
                        while (!stop.get()) {
                            if (op.run(clerk) && counting) {
                                done.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                sleepWhileWorking(warmUp, workers);
                Cost start = cost();
                counting = true;
                long began = System.nanoTime();
                sleepWhileWorking(phase, workers);
                long n = done.get();
                double seconds = (System.nanoTime() - began) / 1e9;
                counting = false;
                Cost end = cost();
                stop.set(true);
                for (Future<?> f : workers) {
                    f.get(5, TimeUnit.MINUTES);
                }
                System.out.println(title + ":");
                end.minus(start).print(n, databases.size());
                return n / seconds;
            } finally {
                counting = false;
                stop.set(true);
                pool.shutdown();
                if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
                    pool.shutdownNow();
                }
            }
        }

        /** What one operation cost: CPU of the services, of the database processes and of this JVM, and statements. */
        Cost cost() throws Exception {
            long services = processes.stream().mapToLong(p -> cpu(p.handle())).sum();
            long database = databases.stream().mapToLong(ClusterPhase::cpu).sum();
            long clients = cpu(ProcessHandle.current());
            Map<String, Long> counters = new LinkedHashMap<>();
            for (Callable<Connection> node : nodes) {
                try (Connection c = node.call(); ResultSet rs = c.createStatement().executeQuery(
                        "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_select', 'Com_insert',"
                                + " 'Com_update', 'Com_delete', 'Com_commit', 'Com_rollback', 'Com_set_option',"
                                + " 'wsrep_local_cert_failures', 'wsrep_local_bf_aborts')")) {
                    while (rs.next()) {
                        counters.merge(rs.getString(1).replace("Com_", "").toLowerCase(Locale.ROOT),
                                Long.parseLong(rs.getString(2)), Long::sum);
                    }
                }
            }
            for (String counter : List.of("backlog_database_conflicts_retried_total",
                    "backlog_database_conflicts_total")) {
                counters.put(counter, processes.stream()
                        .mapToLong(p -> GaleraDeployment.prometheusCounter(p, counter)).sum());
            }
            return new Cost(services, database, clients, counters);
        }

        /**
         * Reads the outage back from the database: items claimed twice, acknowledged items, claims or entries lost,
         * items still held, and (on the cluster) whether every node holds the same items.
         */
        void check() throws Exception {
            Map<Long, String[]> items = new HashMap<>();
            GaleraDeployment.ClaimEvents audited;
            try (Connection db = nodes.get(0).call()) {
                try (ResultSet rs = db.createStatement().executeQuery("SELECT id, status, entered_by FROM item"
                        + " WHERE outage_id = " + outageId)) {
                    while (rs.next()) {
                        items.put(rs.getLong(1), new String[]{rs.getString(2), rs.getString(3)});
                    }
                }
                audited = GaleraDeployment.ClaimEvents.of(db, outageId);
            }
            Set<String> fingerprints = new HashSet<>();
            for (Callable<Connection> node : nodes) {
                try (Connection db = node.call(); ResultSet rs = db.createStatement().executeQuery(
                        "SELECT COUNT(*), SUM(version), BIT_XOR(CRC32(CONCAT_WS('|', id, status, assigned_to,"
                                + " entered_by))) FROM item WHERE outage_id = " + outageId)) {
                    rs.next();
                    fingerprints.add(rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3));
                }
            }
            Set<Long> acknowledgedIds = new HashSet<>(acknowledged.values());
            long lostItems = acknowledgedIds.stream().filter(id -> !items.containsKey(id)).count();
            long lostClaims = claimedBy.entrySet().stream()
                    .filter(c -> !c.getValue().equals(audited.actor().get(c.getKey()))).count();
            long lostEntries = enteredBy.entrySet().stream().filter(e -> {
                String[] item = items.get(e.getKey());
                return item == null || !"ENTERED".equals(item[0]) || !e.getValue().equals(item[1]);
            }).count();
            long twice = doubles.size() + audited.count().values().stream().filter(n -> n > 1).count();
            long held = items.values().stream().filter(i -> "ASSIGNED".equals(i[0])).count();
            Cost claims = afterClaims.minus(before);
            Cost logging = after.minus(afterClaims);
            checks = String.format("  %s: double claims %d (%,d claims, %,d entered), lost acknowledged items %d of"
                            + " %,d, lost claims or entries %d, left held %d%s; warm-ups included: certification"
                            + " conflicts %d claiming, %d logging, made again by the service %d; 503s answered %d, met"
                            + " and retried by clients %d", name, twice, claimedBy.size(), enteredBy.size(), lostItems,
                    acknowledgedIds.size(), lostClaims + lostEntries, held,
                    nodes.size() > 1 ? (fingerprints.size() == 1 ? ", nodes agree" : ", NODES DIFFER " + fingerprints)
                            : "",
                    claims.conflicts(), logging.conflicts(),
                    after.minus(before).counter("backlog_database_conflicts_retried_total"),
                    after.minus(before).counter("backlog_database_conflicts_total"), refusals.get());
            System.out.println(checks);
        }

        String dry() {
            return ranDry.get() ? " (the " + name + " queue of " + queued + " ran dry while measured: raise"
                    + " bench.cluster-items)" : "";
        }
    }

    private interface Op {
        boolean run(int clerk) throws Exception;
    }

    /** CPU time (ns) of the services, the database processes and this JVM; the databases' and services' counters. */
    private record Cost(long services, long databases, long clients, Map<String, Long> counters) {

        Cost minus(Cost earlier) {
            Map<String, Long> delta = new LinkedHashMap<>();
            counters.forEach((name, n) -> delta.put(name, n - earlier.counters.getOrDefault(name, 0L)));
            return new Cost(services - earlier.services, databases - earlier.databases, clients - earlier.clients,
                    delta);
        }

        long counter(String name) {
            return counters.getOrDefault(name, 0L);
        }

        /** Certification failures on the node that committed, and transactions aborted by a replicated one. */
        long conflicts() {
            return counter("wsrep_local_cert_failures") + counter("wsrep_local_bf_aborts");
        }

        void print(long operations, int nodes) {
            double each = Math.max(operations, 1);
            System.out.printf("  %,d operations. CPU per operation: services %.2f ms, database %.2f ms (%d node%s),"
                            + " benchmark JVM (clients) %.2f ms%n", operations, services / 1e6 / each,
                    databases / 1e6 / each, nodes, nodes == 1 ? "" : "s", clients / 1e6 / each);
            StringBuilder line = new StringBuilder("  Database statements per operation"
                    + (nodes == 1 ? ":" : " (all nodes):"));
            counters.forEach((name, n) -> {
                if (!name.startsWith("wsrep") && !name.startsWith("backlog") && n / each >= 0.05) {
                    line.append(String.format(" %s %.1f", name, n / each));
                }
            });
            System.out.println(line);
            System.out.printf("  Certification conflicts %d, made again by the service %d, answered 503 %d%n",
                    conflicts(), counter("backlog_database_conflicts_retried_total"),
                    counter("backlog_database_conflicts_total"));
        }
    }

    private static long cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO).toNanos();
    }

    private static void sleepWhileWorking(Duration time, List<Future<?>> workers) throws Exception {
        long end = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < end) {
            for (Future<?> worker : workers) {
                if (worker.isDone()) {
                    worker.get();   // a worker ended early: its failure ends the phase
                    throw new IllegalStateException("a worker ended before the phase did");
                }
            }
            Thread.sleep(Math.min(250, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
    }

    private static void expect(Api.Response r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + " but got " + r);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Keeps the services' and nodes' logs for a failure's diagnosis (the rest of the phase's directory goes). */
    private void keepLogs() {
        try {
            Files.createDirectories(Path.of("target"));
            for (int i = 0; i < services.size(); i++) {
                if (Files.exists(services.get(i).log())) {
                    Files.copy(services.get(i).log(), Path.of("target", "bench-cluster-service-" + (i + 1) + ".log"),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            if (cluster != null) {
                for (int node = 1; node <= cluster.size(); node++) {
                    cluster.copyErrorLog(node, Path.of("target", "bench-cluster-node-" + node + ".log"));
                }
            }
        } catch (Exception e) {
            System.out.println("Could not keep the cluster phase's logs: " + e);
        }
    }

    /** Stops every service process and node this phase started, and removes its directory; once. */
    private void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (ServiceProcess service : services) {
            try {
                service.stop();
            } catch (Exception e) {
                System.out.println("Could not stop a service process: " + e);
            }
        }
        if (cluster == null && clusterStart != null) {
            try {
                cluster = clusterStart.get(5, TimeUnit.MINUTES);
            } catch (Exception e) {
                // it did not start, and stopped what it had started
            }
        }
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                System.out.println("Could not stop the Galera nodes: " + e);
            }
        }
        if (root != null) {
            FileUtils.deleteQuietly(root.toFile());
        }
    }
}

package org.downtimebacklog.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.io.FileUtils;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ClerkClient;
import org.downtimebacklog.support.GaleraCluster;
import org.downtimebacklog.support.GaleraDeployment;
import org.downtimebacklog.support.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.downtimebacklog.support.GaleraDeployment.prometheusCounter;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The service on a real 3-node MariaDB Galera cluster, as a hospital runs it on several machines: two service
 * processes, each talking to a different database node first (its JDBC URL lists every node, its own first, so it
 * fails over to the next when that node dies), and 32 people taking the next item and entering it, each entry made
 * through the other service process than the claim, while 4 more keep logging new items. Midway, the database node one
 * service process talks to is killed with SIGKILL, then started again and rejoins by state transfer.
 *
 * <p>Checked afterwards: no item was handed out twice (neither to two people nor twice in the audit trail), no
 * acknowledged item, claim or entry was lost, every item that became READY was claimed and entered, the rejoined node
 * holds the same items as the others, and the audit chain that both processes sealed is intact. Last, 20 times over, two
 * workers claim the one READY item at the same instant through the two processes: exactly one gets it each time.
 *
 * <p>Alone: {@code mvn -B -pl backend test -Dtest=GaleraClusterTest -Dsurefire.failIfNoSpecifiedTests=false}. Skipped,
 * saying so, where the Galera packages are not installed.
 */
class GaleraClusterTest {

    private static final int WORKERS = 32;
    private static final int LOGGERS = 4;
    private static final int ITEMS_BEFORE = 300;
    private static final Duration BEFORE_KILL = Duration.ofSeconds(8);
    private static final Duration DOWN = Duration.ofSeconds(3);
    /** How long logging goes on after the killed node is Synced again, so work runs on the whole cluster once more. */
    private static final Duration AFTER_REJOIN = Duration.ofSeconds(8);
    /** The node the second service process talks to first, and the one killed. */
    private static final int KILLED = 2;

    private Path root;
    private GaleraCluster cluster;
    private final List<ServiceProcess> services = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = 0; i < services.size(); i++) {
            services.get(i).stop();
            // kept for a failure's diagnosis: the rest of the test's directory goes
            Files.copy(services.get(i).log(), Path.of("target", "galera-service-" + (i + 1) + ".log"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        if (cluster != null) {
            for (int node = 1; node <= cluster.size(); node++) {
                cluster.copyErrorLog(node, Path.of("target", "galera-node-" + node + ".log"));
            }
            cluster.close();
        }
        if (root != null) {
            FileUtils.deleteQuietly(root.toFile());
        }
    }

    @Test
    void twoServiceProcessesOnTwoNodesHandEachItemOutOnceWhileANodeIsKilledAndRejoins() throws Exception {
        String missing = GaleraCluster.missing();
        assumeTrue(missing == null, () -> missing);
        long t0 = System.nanoTime();
        // a short directory: the nodes' Unix socket paths must stay under about 100 characters
        root = Files.createTempDirectory(Path.of("/tmp"), "galera-");
        cluster = GaleraDeployment.startCluster(root.resolve("db"));
        Duration clusterStart = Duration.ofNanos(System.nanoTime() - t0);
        GaleraDeployment.createAccounts(cluster);
        GaleraDeployment.startServices(cluster, root, 2, Map.of(), services);
        List<Api> apis = services.stream().map(s -> new Api(s.url())).toList();
        Api first = apis.get(0);
        String site = Api.site();
        Api.User lead = first.createUser("TEAM_LEAD", site);
        long outageId = first.createOutage(lead.token(), new String[]{site}, "EHR").get("id").asLong();
        Api.Response recovered = apis.get(1).post("/api/outages/" + outageId + "/systems/EHR/recovered", lead.token(),
                Map.of("recoveredAt", Instant.now().minusSeconds(5).toString()));
        assertThat(recovered.status()).as(recovered.toString()).isEqualTo(200);
        List<Api.User> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(apis.get(w % 2).createUser("CLERK", site));
        }

        Map<String, Long> acknowledged = new ConcurrentHashMap<>();        // idempotency key -> item id
        Map<Long, String> claimedBy = new ConcurrentHashMap<>();
        Map<Long, String> enteredBy = new ConcurrentHashMap<>();
        List<String> doubles = new CopyOnWriteArrayList<>();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        AtomicInteger refusals = new AtomicInteger();                      // 503s the clients met and retried
        ExecutorService setup = Executors.newFixedThreadPool(8);
        List<Future<?>> logging = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            logging.add(setup.submit(() -> {
                for (int i = thread; i < ITEMS_BEFORE; i += 8) {
                    logOne(apis.get(i % 2), lead.token(), outageId, site, acknowledged, refusals, unexpected);
                }
            }));
        }
        for (Future<?> f : logging) {
            f.get();
        }
        setup.shutdown();
        assertThat(unexpected).as("answers to logging other than 201 or a retried 503").isEmpty();

        Map<Integer, Long> conflictsBefore = certificationConflicts();
        AtomicBoolean stopLogging = new AtomicBoolean();
        // workers stop only once no logger has a request in flight and nothing is left to claim
        java.util.concurrent.CountDownLatch loggers = new java.util.concurrent.CountDownLatch(LOGGERS);
        AtomicLong lastWork = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS + LOGGERS);
        List<Future<?>> running = new ArrayList<>();
        long runStart = System.nanoTime();
        for (int w = 0; w < WORKERS; w++) {
            Api.User worker = workers.get(w);
            Api home = apis.get(w % 2);
            Api other = apis.get((w + 1) % 2);
            running.add(pool.submit(() -> work(worker, home, other, loggers, claimedBy, enteredBy, doubles,
                    refusals, unexpected, lastWork)));
        }
        for (int l = 0; l < LOGGERS; l++) {
            Api via = apis.get(l % 2);
            running.add(pool.submit(() -> {
                try {
                    while (!stopLogging.get()) {
                        logOne(via, lead.token(), outageId, site, acknowledged, refusals, unexpected);
                    }
                } finally {
                    loggers.countDown();
                }
            }));
        }

        Thread.sleep(BEFORE_KILL.toMillis());
        int claimsBeforeKill = claimedBy.size();
        Map<String, Long> killedNodeCounters = certificationConflicts(KILLED);
        cluster.kill(KILLED);
        long killedAt = System.nanoTime();
        Thread.sleep(DOWN.toMillis());
        // the other nodes hold commits back until they agree the node is gone (evs.suspect_timeout, 5 s)
        int claimsFirstSeconds = claimedBy.size() - claimsBeforeKill;
        long restartedAt = System.nanoTime();
        Duration recovery = cluster.restart(KILLED);
        cluster.awaitSynced(KILLED, Duration.ofSeconds(120));
        Duration rejoin = Duration.ofNanos(System.nanoTime() - restartedAt);
        Duration downToSynced = Duration.ofNanos(System.nanoTime() - killedAt);
        int claimsWhileAway = claimedBy.size() - claimsBeforeKill;
        String transfer = cluster.lastTransfer(KILLED);
        Thread.sleep(AFTER_REJOIN.toMillis());
        stopLogging.set(true);
        for (Future<?> f : running) {
            f.get(3, TimeUnit.MINUTES);
        }
        pool.shutdown();
        double runSeconds = (lastWork.get() - runStart) / 1e9;

        // what each worker still holds (a claim whose answer was lost with its database node) is entered now, as the
        // worker would from their list
        for (int w = 0; w < WORKERS; w++) {
            ClerkClient.finishHeld(workers.get(w), apis.get(w % 2), claimedBy, enteredBy, refusals, unexpected);
        }
        Map<Integer, Long> conflictsAfter = certificationConflicts();

        // the database as it is on each node, read as the owner
        Map<Long, Object[]> items = new HashMap<>();
        GaleraDeployment.ClaimEvents audited;
        try (Connection db = owner(1)) {
            try (ResultSet rs = db.createStatement().executeQuery("SELECT id, status, assigned_to, entered_by FROM item"
                    + " WHERE outage_id = " + outageId)) {
                while (rs.next()) {
                    items.put(rs.getLong(1), new Object[]{rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
            audited = GaleraDeployment.ClaimEvents.of(db, outageId);
        }
        Map<Integer, String> fingerprints = new HashMap<>();
        for (int node = 1; node <= 3; node++) {
            try (Connection db = owner(node); ResultSet rs = db.createStatement().executeQuery(
                    "SELECT COUNT(*), SUM(version), BIT_XOR(CRC32(CONCAT_WS('|', id, status, assigned_to, entered_by,"
                            + " external_reference))) FROM item WHERE outage_id = " + outageId)) {
                rs.next();
                fingerprints.put(node, rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3));
            }
        }
        String leadToken = first.login(lead.username(), lead.password()).get("access_token").asText();
        JsonNode chain = awaitSealed(apis.get(1), first.adminToken());
        JsonNode summary = first.get("/api/outages/" + outageId + "/summary", leadToken).body();

        Set<Long> acknowledgedIds = new HashSet<>(acknowledged.values());
        long lost = acknowledgedIds.stream().filter(id -> !items.containsKey(id)).count()
                + claimedBy.entrySet().stream().filter(c -> !c.getValue().equals(audited.actor().get(c.getKey()))).count()
                + enteredBy.entrySet().stream().filter(e -> {
                    Object[] item = items.get(e.getKey());
                    return item == null || !"ENTERED".equals(item[0]) || !e.getValue().equals(item[2]);
                }).count();
        long claimedTwice = doubles.size() + audited.count().values().stream().filter(n -> n > 1).count();
        long leftOver = items.values().stream().filter(i -> !"ENTERED".equals(i[0])).count();
        long conflicts = conflictsAfter.values().stream().mapToLong(Long::longValue).sum()
                - conflictsBefore.values().stream().mapToLong(Long::longValue).sum()
                + killedNodeCounters.values().stream().mapToLong(Long::longValue).sum()
                - conflictsBefore.get(KILLED);
        long served503 = services.stream().mapToLong(s -> prometheusCounter(s, "backlog_database_conflicts_total"))
                .sum();
        long retriedInService = services.stream()
                .mapToLong(s -> prometheusCounter(s, "backlog_database_conflicts_retried_total")).sum();
        System.out.printf("galera cluster: started in %d s; %d items (%d logged during the run), %d claims and %d"
                        + " entries by %d workers on 2 service processes in %.1f s: %.1f claims/s (%d in the %d s"
                        + " after node %d was killed, %d until it was Synced again); certification conflicts %d (%d"
                        + " made again by the service, %d answered 503 with Retry-After; %d 503s met and retried by"
                        + " clients); node %d Synced %d ms after its restart (%d ms of it recovering its position,"
                        + " then %s; %d ms after the kill); double claims %d, lost %d, left unclaimed %d; nodes %s;"
                        + " audit chain %s; run took %d s%n",
                clusterStart.toSeconds(), items.size(), items.size() - ITEMS_BEFORE, claimedBy.size(), enteredBy.size(),
                WORKERS, runSeconds, claimedBy.size() / runSeconds, claimsFirstSeconds, DOWN.toSeconds(),
                KILLED, claimsWhileAway, conflicts, retriedInService, served503, refusals.get(), KILLED,
                rejoin.toMillis(), recovery.toMillis(), transfer, downToSynced.toMillis(), claimedTwice, lost,
                leftOver, fingerprints, chain, (System.nanoTime() - t0) / 1_000_000_000L);

        assertThat(unexpected).as("answers other than success or a retried 503").isEmpty();
        assertThat(doubles).as("items handed to two workers").isEmpty();
        assertThat(audited.count()).as("items claimed more than once in the audit trail").allSatisfy((id, n) ->
                assertThat(n).as("claims of item " + id).isEqualTo(1));
        assertThat(lost).as("acknowledged items, claims or entries lost").isZero();
        assertThat(items.keySet()).as("every stored item acknowledged")
                .containsExactlyInAnyOrderElementsOf(acknowledgedIds);
        assertThat(leftOver).as("items not entered in the end: " + items.entrySet().stream()
                .filter(i -> !"ENTERED".equals(i.getValue()[0]))
                .map(i -> i.getKey() + " " + java.util.Arrays.toString(i.getValue())).toList()).isZero();
        assertThat(audited.count().keySet()).as("every item claimed").containsExactlyInAnyOrderElementsOf(items.keySet());
        assertThat(claimedBy.keySet()).as("every item claimed, as answered")
                .containsExactlyInAnyOrderElementsOf(items.keySet());
        assertThat(items.size()).as("items logged during the run, also while a node was down")
                .isGreaterThan(ITEMS_BEFORE);
        assertThat(claimsWhileAway).as("claims while a node was away").isPositive();
        assertThat(new HashSet<>(fingerprints.values())).as("every node holds the same items, the rejoined one too")
                .hasSize(1);
        assertThat(summary.get("byStatus").get("ENTERED").asLong()).as("the running tally").isEqualTo(items.size());
        assertThat(summary.get("open").asLong()).isZero();
        assertThat(chain.get("intact").asBoolean()).as("the audit chain sealed by both processes: " + chain).isTrue();
        for (ServiceProcess service : services) {
            assertThat(Files.readString(service.log())).as("the service's check of the cluster's settings")
                    .contains("The database is a Galera cluster of 3 nodes").doesNotContain("wsrep_sync_wait is");
        }

        // Last, head to head: one READY item at a time, two workers claim it at the same instant through the two
        // service processes, so through two database nodes. Exactly one gets it, every time.
        Map<Integer, Long> raceBefore = certificationConflicts();
        int rounds = 20;
        int exactlyOne = 0;
        ExecutorService race = Executors.newFixedThreadPool(2);
        for (int round = 0; round < rounds; round++) {
            logOne(apis.get(round % 2), lead.token(), outageId, site, acknowledged, refusals, unexpected);
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            List<Future<Integer>> claims = new ArrayList<>();
            for (int side = 0; side < 2; side++) {
                Api via = apis.get(side);
                // different workers each round, so none reaches the cap on items held
                Api.User worker = workers.get((2 * round + side) % WORKERS);
                claims.add(race.submit(() -> {
                    together.await();
                    return via.post("/api/queue/next", worker.token(), Map.of()).status();
                }));
            }
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> claim : claims) {
                answers.add(claim.get());
            }
            assertThat(answers).as("two claims of one item through two nodes, round " + round)
                    .containsExactlyInAnyOrder(200, 204);
            exactlyOne++;
        }
        race.shutdown();
        long raceConflicts = certificationConflicts().values().stream().mapToLong(Long::longValue).sum()
                - raceBefore.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("galera cluster: %d items each claimed by two workers at once through two nodes: %d times one"
                + " got it and the other nothing; %d certification conflicts%n", rounds, exactlyOne, raceConflicts);
    }

    /** Claims and enters until logging has ended and nothing is left to claim. */
    private void work(Api.User worker, Api home, Api other, java.util.concurrent.CountDownLatch loggers,
                      Map<Long, String> claimedBy,
                      Map<Long, String> enteredBy, List<String> doubles, AtomicInteger refusals,
                      List<String> unexpected, AtomicLong lastWork) {
        try {
            while (true) {
                boolean last = loggers.getCount() == 0;
                Api.Response claim = home.post("/api/queue/next", worker.token(), Map.of());
                if (claim.status() == 204) {
                    if (last) {
                        return;
                    }
                    Thread.sleep(100);
                    continue;
                }
                if (claim.status() == 503 && claim.header("Retry-After") != null) {
                    // a claim that was stopped, or whose answer was lost with its database node: what the worker holds
                    // is on their list
                    refusals.incrementAndGet();
                    Thread.sleep(200);
                    ClerkClient.finishHeld(worker, home, claimedBy, enteredBy, refusals, unexpected);
                    continue;
                }
                if (claim.status() != 200) {
                    unexpected.add("next: " + claim);
                    return;
                }
                long id = claim.body().get("id").asLong();
                if (claimedBy.putIfAbsent(id, worker.username()) != null) {
                    doubles.add(id + " to " + claimedBy.get(id) + " and " + worker.username());
                }
                ClerkClient.enter(worker, other, id, claim.header("ETag"), enteredBy, refusals, unexpected);
                lastWork.accumulateAndGet(System.nanoTime(), Math::max);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException | IllegalStateException e) {
            unexpected.add("no answer: " + e);
        }
    }

    /** Logs one item into the recovered system (so it is READY at once), again with the same key after a 503. */
    private static void logOne(Api via, String token, long outageId, String site, Map<String, Long> acknowledged,
                               AtomicInteger refusals, List<String> unexpected) {
        ObjectNode body = Api.item(outageId, site).put("targetSystem", "EHR").put("category", "OBSERVATIONS");
        ClerkClient.logOne(via, token, body, acknowledged, refusals, unexpected);
    }

    /** The chain check, once both processes' sealers have sealed every event (it is read again until then). */
    private static JsonNode awaitSealed(Api api, String adminToken) throws InterruptedException {
        JsonNode result = null;
        for (int i = 0; i < 60; i++) {
            result = api.get("/api/audit/verify", adminToken).body();
            if (result != null && result.get("unsealed").asLong() <= 2) {     // the checks themselves are audited
                return result;
            }
            Thread.sleep(500);
        }
        return result;
    }

    /** Certification failures and transactions aborted by a replicated one, per node that answers. */
    private Map<Integer, Long> certificationConflicts() throws Exception {
        Map<Integer, Long> byNode = new HashMap<>();
        for (int node = 1; node <= cluster.size(); node++) {
            byNode.put(node, certificationConflicts(node).values().stream().mapToLong(Long::longValue).sum());
        }
        return byNode;
    }

    private Map<String, Long> certificationConflicts(int node) throws Exception {
        Map<String, Long> counters = new HashMap<>();
        String out = cluster.require(node, "SHOW GLOBAL STATUS WHERE Variable_name IN"
                + " ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts')");
        for (String line : out.strip().split("\n")) {
            String[] f = line.split("\t");
            counters.put(f[0], Long.parseLong(f[1]));
        }
        return counters;
    }

    private Connection owner(int node) throws Exception {
        return GaleraDeployment.owner(cluster, node);
    }
}

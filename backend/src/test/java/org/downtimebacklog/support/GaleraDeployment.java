package org.downtimebacklog.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service on a 3-node MariaDB Galera cluster as the README prescribes: the nodes as durable as a hospital's, the
 * database and its two accounts made on node 1 (and replicated to the others), service processes whose JDBC URL lists
 * every node with a different one first, and the service's account given UPDATE and DELETE on every table but the
 * append-only ones once the first process has migrated the schema.
 */
public final class GaleraDeployment {

    public static final String PASSWORD = "galera-service-password";
    public static final String OWNER_PASSWORD = "galera-owner-password";

    private GaleraDeployment() {
    }

    /** Three nodes in {@code dir}; returns once every one is Synced. */
    public static GaleraCluster startCluster(Path dir) throws Exception {
        // innodb_flush_log_at_trx_commit=1 and sync_binlog=1: what the README asks of a hospital's nodes
        return GaleraCluster.start(dir, 3, "innodb_flush_log_at_trx_commit=1", "sync_binlog=1", "log_bin=mariadb-bin");
    }

    /** The database and the two accounts the README prescribes, made on node 1 and replicated to the others. */
    public static void createAccounts(GaleraCluster cluster) throws Exception {
        cluster.require(1, "CREATE DATABASE backlog CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;"
                + " CREATE USER 'backlog_owner'@'127.0.0.1' IDENTIFIED BY '" + OWNER_PASSWORD + "';"
                + " GRANT ALL PRIVILEGES ON backlog.* TO 'backlog_owner'@'127.0.0.1';"
                + " CREATE USER 'backlog'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "';"
                + " GRANT SELECT, INSERT ON backlog.* TO 'backlog'@'127.0.0.1';");
    }

    /**
     * Starts {@code count} service processes, process n talking to node n first, each with a data directory
     * {@code service-n} under {@code root}, all signing tokens with one secret (a token from one is good at the other),
     * with {@code environment} added. One at a time: the first runs the migrations, after which the service's account
     * gets its grants. Each process is added to {@code started} before it starts, so the caller can stop whatever began
     * should a later one fail.
     */
    public static void startServices(GaleraCluster cluster, Path root, int count, Map<String, String> environment,
                                     List<ServiceProcess> started) throws Exception {
        String secret = "galera-secret-" + UUID.randomUUID();
        for (int first = 1; first <= count; first++) {
            String url = "jdbc:mysql://" + cluster.hosts(first) + "/backlog?" + GaleraSettings.URL_PARAMETERS
                    + "&sslMode=DISABLED";
            Map<String, String> settings = new HashMap<>(environment);
            settings.putAll(Map.of(
                    "DATASOURCES_DEFAULT_URL", url,
                    "DATASOURCES_DEFAULT_USERNAME", "backlog",
                    "DATASOURCES_DEFAULT_PASSWORD", PASSWORD,
                    "FLYWAY_DATASOURCES_DEFAULT_URL", url,
                    "FLYWAY_DATASOURCES_DEFAULT_USER", "backlog_owner",
                    "FLYWAY_DATASOURCES_DEFAULT_PASSWORD", OWNER_PASSWORD,
                    "BACKLOG_JWT_SECRET", secret));
            ServiceProcess service = new ServiceProcess(Files.createDirectories(root.resolve("service-" + first)),
                    settings);
            started.add(service);
            service.start();
            if (first == 1) {
                grantUpdateAndDeleteButOnAuditTables(cluster);
            }
        }
    }

    /** What the README tells the database's administrator to run after the first start. */
    public static void grantUpdateAndDeleteButOnAuditTables(GaleraCluster cluster) throws Exception {
        StringBuilder grants = new StringBuilder();
        try (Connection owner = owner(cluster, 1); ResultSet rows = owner.createStatement().executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'backlog' AND table_name NOT IN"
                        + " ('audit_event', 'audit_seal', 'flyway_schema_history')")) {
            while (rows.next()) {
                grants.append("GRANT UPDATE, DELETE ON backlog.`").append(rows.getString(1))
                        .append("` TO 'backlog'@'127.0.0.1'; ");
            }
        }
        if (!grants.toString().contains("`item`")) {
            throw new AssertionError("the owner's migrations did not create the tables: " + grants);
        }
        cluster.require(1, grants.toString());
    }

    /** A connection to one node as the schema's owner, with the settings the service's connections have. */
    public static Connection owner(GaleraCluster cluster, int node) throws Exception {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + cluster.port(node) + "/backlog?sslMode=DISABLED&"
                + GaleraSettings.URL_PARAMETERS, "backlog_owner", OWNER_PASSWORD);
    }

    /** The outage's ITEM_CLAIMED events in the audit trail: how many each item has, and who made its last one. */
    public record ClaimEvents(Map<Long, Integer> count, Map<Long, String> actor) {

        public static ClaimEvents of(Connection db, long outageId) throws Exception {
            ClaimEvents events = new ClaimEvents(new HashMap<>(), new HashMap<>());
            try (ResultSet rs = db.createStatement().executeQuery("SELECT e.item_id, e.actor_username"
                    + " FROM audit_event e JOIN item i ON i.id = e.item_id WHERE i.outage_id = " + outageId
                    + " AND e.action = 'ITEM_CLAIMED' ORDER BY e.id")) {
                while (rs.next()) {
                    events.count().merge(rs.getLong(1), 1, Integer::sum);
                    events.actor().put(rs.getLong(1), rs.getString(2));
                }
            }
            return events;
        }
    }

    /** A counter the service exports at /prometheus (0 when it has not counted yet). */
    public static long prometheusCounter(ServiceProcess service, String name) {
        Api.Response r = new Api(service.url()).get("/prometheus", null);
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.E+]+)$").matcher(r.raw().body());
        return m.find() ? (long) Double.parseDouble(m.group(2)) : 0;
    }
}

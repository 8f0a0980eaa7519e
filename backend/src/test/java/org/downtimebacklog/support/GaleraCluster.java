package org.downtimebacklog.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A MariaDB Galera cluster of real server processes on 127.0.0.1, each node on ports of its own, in a directory the
 * caller gives (and removes). Node 1 founds the cluster ({@code --wsrep-new-cluster}); the others join it and receive
 * the data by state transfer (mariabackup: rsync refuses to run as root). A node can be killed with SIGKILL and
 * started again, when it rejoins by state transfer.
 *
 * <p>Needs Debian's {@code mariadb-server}, {@code mariadb-backup} and {@code galera-4}: {@link #missing()} says what
 * is absent.
 */
public final class GaleraCluster implements AutoCloseable {

    public static final Path PROVIDER = Path.of("/usr/lib/galera/libgalera_smm.so");
    private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    private static final Path BACKUP = Path.of("/usr/bin/mariadb-backup");
    private static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");
    private static final Path CLIENT = Path.of("/usr/bin/mariadb");

    private final Path dir;
    private final int size;
    private final int[] sqlPorts;
    private final int[] groupPorts;
    private final int[] istPorts;
    private final int[] sstPorts;
    private final Process[] servers;

    private GaleraCluster(Path dir, int size) throws IOException {
        this.dir = dir;
        this.size = size;
        int[] ports = freePorts(4 * size);
        this.sqlPorts = java.util.Arrays.copyOfRange(ports, 0, size);
        this.groupPorts = java.util.Arrays.copyOfRange(ports, size, 2 * size);
        this.istPorts = java.util.Arrays.copyOfRange(ports, 2 * size, 3 * size);
        this.sstPorts = java.util.Arrays.copyOfRange(ports, 3 * size, 4 * size);
        this.servers = new Process[size + 1];
    }

    /** What of the Galera packages is missing here, or null when all is installed. */
    public static String missing() {
        List<String> absent = new ArrayList<>();
        for (Path p : List.of(PROVIDER, SERVER, BACKUP, INSTALL, CLIENT)) {
            if (!Files.isExecutable(p) && !Files.isRegularFile(p)) {
                absent.add(p.toString());
            }
        }
        return absent.isEmpty() ? null : "Galera is not installed (apt-get install mariadb-server mariadb-backup "
                + "galera-4): missing " + String.join(", ", absent);
    }

    /**
     * Writes each node's configuration, creates node 1's system tables, starts node 1 as a new cluster and the others
     * joining it, and returns once every node is Synced. {@code extraSettings} are added to every node's
     * {@code [mysqld]} section.
     */
    public static GaleraCluster start(Path dir, int size, String... extraSettings) throws Exception {
        GaleraCluster cluster = new GaleraCluster(dir, size);
        try {
            cluster.configure(List.of(extraSettings));
            cluster.install();
            for (int node = 1; node <= size; node++) {
                cluster.startNode(node);
                cluster.awaitSynced(node, Duration.ofSeconds(120));
            }
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    public int size() {
        return size;
    }

    public int port(int node) {
        return sqlPorts[node - 1];
    }

    /** The hosts of every node, {@code first} first then the others in order: {@code 127.0.0.1:p1,127.0.0.1:p2,...}. */
    public String hosts(int first) {
        List<Integer> order = new ArrayList<>();
        order.add(first);
        IntStream.rangeClosed(1, size).filter(n -> n != first).forEach(order::add);
        return order.stream().map(n -> "127.0.0.1:" + port(n)).collect(Collectors.joining(","));
    }

    public long pid(int node) {
        return servers[node].pid();
    }

    /** SIGKILL to the node's server, as in a crash or a power cut of its machine; returns once it is gone. */
    public void kill(int node) throws InterruptedException {
        servers[node].destroyForcibly().waitFor();
    }

    /**
     * Starts a node that was killed or stopped: it rejoins the cluster (without founding a new one). As a service
     * manager does (Debian's unit runs galera_recovery), it first recovers from its own files the last transaction it
     * committed ({@code --wsrep-recover}) and starts from there, so that it catches up with only what it missed (IST,
     * from another node's write-set cache) rather than copying the whole database (SST). Returns how long the
     * recovery took.
     */
    public Duration restart(int node) throws Exception {
        long start = System.nanoTime();
        Path log = dir.resolve("n" + node).resolve("recover.log");
        Process recover = new ProcessBuilder(SERVER.toString(), "--defaults-file=" + config(node), "--wsrep-recover",
                "--log-error=" + log).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!recover.waitFor(120, TimeUnit.SECONDS)) {
            recover.destroyForcibly().waitFor();
            throw new AssertionError("node " + node + ": --wsrep-recover did not finish within 120 s");
        }
        java.util.regex.Matcher position = java.util.regex.Pattern.compile("Recovered position: (\\S+:-?\\d+)")
                .matcher(Files.exists(log) ? Files.readString(log) : "");
        String last = null;
        while (position.find()) {
            last = position.group(1);
        }
        if (last != null && !last.endsWith(":-1")) {
            startNode(node, "--wsrep-start-position=" + last);
        } else {
            startNode(node);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** How the node's last start caught up: SST when it copied everything, IST when it received only what it missed. */
    public String lastTransfer(int node) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("n" + node).resolve("error.log"));
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("Starting MariaDB")) {
                start = i;
            }
        }
        List<String> last = lines.subList(start, lines.size());
        if (last.stream().anyMatch(l -> l.contains("Waiting for SST streaming to complete"))) {
            return "SST";
        }
        return last.stream().map(l -> java.util.regex.Pattern.compile("Receiving IST: (\\d+) writesets").matcher(l))
                .filter(java.util.regex.Matcher::find).map(m -> "IST of " + m.group(1) + " write-sets").findFirst()
                .orElse("neither");
    }

    /** Waits until the node is Synced (part of the cluster and up to date); how long that took. */
    public Duration awaitSynced(int node, Duration limit) throws Exception {
        Instant start = Instant.now();
        Instant deadline = start.plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!servers[node].isAlive()) {
                throw new AssertionError("node " + node + " exited: " + errorLogTail(node));
            }
            if ("Synced".equals(status(node, "wsrep_local_state_comment"))) {
                return Duration.between(start, Instant.now());
            }
            Thread.sleep(250);
        }
        throw new AssertionError("node " + node + " not Synced within " + limit + ": " + errorLogTail(node));
    }

    /** A status variable of a node ({@code SHOW STATUS}), or null when the node does not answer. */
    public String status(int node, String variable) throws Exception {
        String out = sql(node, "SHOW STATUS LIKE '" + variable + "'");
        if (out == null || out.isBlank()) {
            return null;
        }
        String[] fields = out.strip().split("\t");
        return fields.length > 1 ? fields[1] : null;
    }

    /**
     * Runs statements on a node as its administrator (root, over the node's Unix socket), and returns what they print
     * (tab-separated, no column names), or null when the node could not run them.
     */
    public String sql(int node, String statements) throws Exception {
        Path output = dir.resolve("n" + node + "-sql.out");
        Process client = new ProcessBuilder(CLIENT.toString(), "--defaults-file=" + config(node), "-uroot", "-N", "-B",
                "-e", statements).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!client.waitFor(60, TimeUnit.SECONDS)) {
            client.destroyForcibly().waitFor();
            return null;
        }
        String printed = Files.readString(output);
        return client.exitValue() == 0 ? printed : null;
    }

    /** Runs statements that must succeed on a node as its administrator. */
    public String require(int node, String statements) throws Exception {
        String out = sql(node, statements);
        if (out == null) {
            throw new AssertionError("node " + node + " could not run: " + statements + ": "
                    + Files.readString(dir.resolve("n" + node + "-sql.out")));
        }
        return out;
    }

    /** Stops every node still running (SIGTERM, the founding node last), SIGKILL after 60 s. */
    @Override
    public void close() throws Exception {
        for (int node = size; node >= 1; node--) {
            Process server = servers[node];
            if (server != null && server.isAlive()) {
                server.destroy();
                if (!server.waitFor(60, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor();
                }
            }
        }
    }

    public String errorLogTail(int node) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("n" + node).resolve("error.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return "(no error log)";
        }
    }

    /** Copies the node's whole error log (a failure's diagnosis outlives the cluster's directory). */
    public void copyErrorLog(int node, Path to) throws IOException {
        Path log = dir.resolve("n" + node).resolve("error.log");
        if (Files.exists(log)) {
            Files.copy(log, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Path config(int node) {
        return dir.resolve("n" + node + ".cnf");
    }

    private void configure(List<String> extraSettings) throws IOException {
        String user = System.getProperty("user.name");
        String members = IntStream.range(0, size).mapToObj(i -> "127.0.0.1:" + groupPorts[i])
                .collect(Collectors.joining(","));
        for (int node = 1; node <= size; node++) {
            Path home = Files.createDirectories(dir.resolve("n" + node));
            Files.createDirectories(home.resolve("data"));
            Files.createDirectories(home.resolve("tmp"));
            int i = node - 1;
            int self = node;
            String donors = IntStream.iterate(size, n -> n >= 1, n -> n - 1).filter(n -> n != self)
                    .mapToObj(n -> "n" + n).collect(Collectors.joining(","));
            List<String> lines = new ArrayList<>(List.of(
                    "[mysqld]",
                    "user=" + user,
                    "datadir=" + home.resolve("data"),
                    "tmpdir=" + home.resolve("tmp"),
                    "socket=" + home.resolve("mysqld.sock"),
                    "pid-file=" + home.resolve("mysqld.pid"),
                    "log-error=" + home.resolve("error.log"),
                    "port=" + sqlPorts[i],
                    "bind-address=127.0.0.1",
                    "skip-name-resolve",
                    "character-set-server=utf8mb4",
                    "collation-server=utf8mb4_general_ci",
                    "binlog_format=ROW",
                    "default_storage_engine=InnoDB",
                    "innodb_autoinc_lock_mode=2",
                    "innodb_buffer_pool_size=64M",
                    "max_connections=300",
                    "wsrep_on=ON",
                    "wsrep_provider=" + PROVIDER,
                    "wsrep_cluster_name=backlog-test",
                    "wsrep_cluster_address=gcomm://" + members,
                    "wsrep_node_name=n" + node,
                    "wsrep_node_address=127.0.0.1:" + groupPorts[i],
                    "wsrep_node_incoming_address=127.0.0.1:" + sqlPorts[i],
                    "wsrep_provider_options=\"gmcast.listen_addr=tcp://127.0.0.1:" + groupPorts[i]
                            + ";ist.recv_addr=127.0.0.1:" + istPorts[i] + ";gcache.size=64M\"",
                    "wsrep_sst_receive_address=127.0.0.1:" + sstPorts[i],
                    "wsrep_sst_method=mariabackup",
                    "wsrep_sst_auth=root:",
                    // a joiner takes its copy from the highest-numbered other node first, the one no application
                    // instance talks to first; the trailing comma lets it fall back to any node
                    "wsrep_sst_donor=" + donors + ","));
            lines.addAll(extraSettings);
            // the state transfer's logs stay in the node's directory (by default they are kept in /tmp)
            lines.addAll(List.of("[client]", "socket=" + home.resolve("mysqld.sock"), "[sst]", "sst-log-archive=0"));
            Files.write(config(node), lines);
        }
    }

    /** Only node 1 gets system tables; the others receive everything by state transfer when they join. */
    private void install() throws Exception {
        Path log = dir.resolve("n1").resolve("install.log");
        Process install = new ProcessBuilder(INSTALL.toString(), "--no-defaults",
                "--user=" + System.getProperty("user.name"), "--datadir=" + dir.resolve("n1").resolve("data"),
                "--auth-root-authentication-method=normal", "--skip-test-db")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            install.destroyForcibly();
            throw new AssertionError("mariadb-install-db failed: " + Files.readString(log));
        }
    }

    private void startNode(int node, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(SERVER.toString(), "--defaults-file=" + config(node)));
        command.addAll(List.of(options));
        if (node == 1 && servers[1] == null) {
            command.add("--wsrep-new-cluster");
        }
        Path out = dir.resolve("n" + node).resolve("stdout.log");
        servers[node] = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0);
                open.add(socket);
                ports[i] = socket.getLocalPort();
            }
        } finally {
            for (ServerSocket socket : open) {
                socket.close();
            }
        }
        return ports;
    }
}

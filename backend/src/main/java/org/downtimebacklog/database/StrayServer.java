package org.downtimebacklog.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded server of an earlier run that outlived it. When the JVM is killed (kill -9, the OOM killer), the
 * mariadbd it started lives on and holds the data directory's locks, so no new server could start there. Before
 * starting, such a server is shut down (SIGTERM, which lets it flush and close its files), or ended if it does not
 * stop in time. Only a mariadbd whose --datadir is this very directory is touched.
 */
public final class StrayServer {

    private static final Logger LOG = LoggerFactory.getLogger(StrayServer.class);
    private static final long STOP_SECONDS = 30;

    private StrayServer() {
    }

    /** Stops every mariadbd serving {@code dataDir}; returns how many there were. */
    public static int stopAll(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        List<ProcessHandle> strays = ProcessHandle.allProcesses().filter(p -> serves(p, dir)).toList();
        for (ProcessHandle stray : strays) {
            LOG.warn("A database server from an earlier run (pid {}) still serves {}; stopping it", stray.pid(), dir);
            stray.destroy();
            if (!waitFor(stray, STOP_SECONDS)) {
                LOG.warn("It did not stop within {} s; ending it (pid {})", STOP_SECONDS, stray.pid());
                stray.destroyForcibly();
                waitFor(stray, STOP_SECONDS);
            }
            LOG.info("The earlier database server (pid {}) has stopped", stray.pid());
        }
        return strays.size();
    }

    /** A mariadbd (or mysqld) process whose data directory is {@code dir}. */
    public static boolean serves(ProcessHandle process, Path dir) {
        ProcessHandle.Info info = process.info();
        Optional<String> command = info.command();
        if (command.isEmpty() || !(command.get().endsWith("/mariadbd") || command.get().endsWith("/mysqld"))) {
            return false;
        }
        for (String arg : info.arguments().orElse(new String[0])) {
            if (arg.startsWith("--datadir=")) {
                return Path.of(arg.substring("--datadir=".length())).toAbsolutePath().normalize().equals(dir);
            }
        }
        return false;
    }

    private static boolean waitFor(ProcessHandle process, long seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}

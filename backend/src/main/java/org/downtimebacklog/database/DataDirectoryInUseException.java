package org.downtimebacklog.database;

import java.nio.file.Path;

/** Another running process (a service, or a command) already uses this data directory's embedded database. */
public class DataDirectoryInUseException extends IllegalStateException {

    public DataDirectoryInUseException(Path dataDir) {
        super("Another running process uses the data directory " + dataDir + " (its embedded database is in use)");
    }
}

package org.downtimebacklog.database;

import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The data directory holds patient data and secrets: the service creates it for its own user alone. */
class DataDirectoryTest {

    private Path parent;

    @AfterEach
    void remove() {
        FileUtils.deleteQuietly(parent.toFile());
    }

    @Test
    void aNewDataDirectoryIsTheOwnersAlone() throws Exception {
        parent = Files.createTempDirectory(Path.of("target"), "data-dir-");
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path root = parent.resolve("node").resolve("data");
        DataDirectory data = new DataDirectory(root.toString());
        Path secret = data.resolve("jwt-secret");
        assertThat(secret.getParent()).isEqualTo(root.toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root))).isEqualTo("rwx------");
        assertThat(data.root()).isEqualTo(root.toAbsolutePath());
    }
}

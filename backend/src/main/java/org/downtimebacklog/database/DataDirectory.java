package org.downtimebacklog.database;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The directory where this node keeps its embedded database and generated secrets ({@code BACKLOG_DATA_DIR}). It
 * holds patient data: created, it is readable by the service's own user alone.
 */
@Singleton
public class DataDirectory {

    private final Path root;

    public DataDirectory(@Value("${backlog.data-dir}") String dataDir) {
        this.root = Path.of(dataDir).toAbsolutePath().normalize();
    }

    public Path resolve(String child) {
        Path path = root().resolve(child);
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + root, e);
        }
        return path;
    }

    /** The directory, created for its owner alone (0700) when it does not exist yet. */
    public Path root() {
        if (Files.notExists(root)) {
            try {
                Files.createDirectories(root.getParent());
                Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                // created meanwhile by another context of this JVM
            } catch (UnsupportedOperationException e) {
                createPlain();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create data directory " + root, e);
            }
        }
        return root;
    }

    /** Where the file system has no POSIX permissions (not a supported platform, but not a reason to fail). */
    private void createPlain() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + root, e);
        }
    }
}

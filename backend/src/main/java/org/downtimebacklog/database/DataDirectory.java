package org.downtimebacklog.database;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory where this node keeps its embedded database and generated secrets ({@code BACKLOG_DATA_DIR}).
 */
@Singleton
public class DataDirectory {

    private final Path root;

    public DataDirectory(@Value("${backlog.data-dir}") String dataDir) {
        this.root = Path.of(dataDir).toAbsolutePath().normalize();
    }

    public Path resolve(String child) {
        Path path = root.resolve(child);
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + root, e);
        }
        return path;
    }

    public Path root() {
        return root;
    }
}

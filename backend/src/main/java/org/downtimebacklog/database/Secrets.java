package org.downtimebacklog.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/** A random secret generated once and kept in a file only its owner may read. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** The secret in the file, creating the file with a new 48-byte random secret (URL-safe Base64) if it is absent. */
    public static String stored(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[48];
            RANDOM.nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.writeString(file, secret, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            return secret;
        } catch (FileAlreadyExistsException raced) {
            return stored(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file.getFileName() + " in the data directory", e);
        }
    }
}

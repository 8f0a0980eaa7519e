package org.downtimebacklog.database;

import java.sql.SQLIntegrityConstraintViolationException;

/** Recognises a unique-key violation (MySQL/MariaDB error 1062) anywhere in an exception's causes. */
public final class DuplicateKeys {

    private static final int ER_DUP_ENTRY = 1062;

    private DuplicateKeys() {
    }

    public static boolean isDuplicateKey(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException sql && sql.getErrorCode() == ER_DUP_ENTRY) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}

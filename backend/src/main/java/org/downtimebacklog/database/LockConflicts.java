package org.downtimebacklog.database;

import java.sql.SQLException;

/**
 * Recognises a transaction stopped by a clash with another one made at the same moment: a deadlock (MySQL/MariaDB
 * error 1213; on a Galera cluster also a certification conflict), a lock wait that timed out (1205), or SQL state
 * 40001. The database rolled the whole transaction back, so nothing of it was stored and it is safe to try again.
 */
public final class LockConflicts {

    private static final int ER_LOCK_DEADLOCK = 1213;
    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;

    private LockConflicts() {
    }

    /**
     * Runs {@code work} (a whole transaction: call it from outside the transaction), again when a clash stopped it,
     * up to {@code attempts} times in all; the last clash is thrown.
     */
    public static <T> T retried(int attempts, java.util.function.Supplier<T> work) {
        return retried(attempts, work, () -> {
        });
    }

    /**
     * The same, calling {@code onRetry} before each new attempt. Attempts are a few milliseconds apart, a random
     * pause longer each time, so that two nodes whose transactions clashed do not clash again in step.
     */
    public static <T> T retried(int attempts, java.util.function.Supplier<T> work, Runnable onRetry) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= attempts || !isLockConflict(e)) {
                    throw e;
                }
                onRetry.run();
                try {
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 10L * attempt + 1));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public static boolean isLockConflict(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && ("40001".equals(sql.getSQLState())
                    || sql.getErrorCode() == ER_LOCK_DEADLOCK || sql.getErrorCode() == ER_LOCK_WAIT_TIMEOUT)) {
                return true;
            }
        }
        return false;
    }
}

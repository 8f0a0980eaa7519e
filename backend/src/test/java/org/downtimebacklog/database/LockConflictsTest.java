package org.downtimebacklog.database;

import com.mysql.cj.jdbc.exceptions.MySQLTransactionRollbackException;
import io.micronaut.data.exceptions.DataAccessException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A transaction stopped by a clash is made again, a bounded number of times; any other failure is not. */
class LockConflictsTest {

    private static RuntimeException deadlock() {
        return new DataAccessException("Error", new MySQLTransactionRollbackException("Deadlock", "40001", 1213));
    }

    @Test
    void aClashIsTriedAgainUpToTheLimit() {
        AtomicInteger calls = new AtomicInteger();
        String result = LockConflicts.retried(3, () -> {
            if (calls.incrementAndGet() < 3) {
                throw deadlock();
            }
            return "claimed";
        });
        assertThat(result).isEqualTo("claimed");
        assertThat(calls).hasValue(3);

        AtomicInteger always = new AtomicInteger();
        assertThrows(DataAccessException.class, () -> LockConflicts.retried(3, () -> {
            always.incrementAndGet();
            throw deadlock();
        }));
        assertThat(always).hasValue(3);
    }

    @Test
    void anythingElseIsThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> LockConflicts.retried(3, () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("not a clash");
        }));
        assertThat(calls).hasValue(1);
    }
}

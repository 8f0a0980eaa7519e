package org.downtimebacklog.database;

import com.mysql.cj.jdbc.exceptions.MySQLTransactionRollbackException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Work marked {@link RetriedOnClash} is made again when a clash (a deadlock; on a Galera cluster, a certification
 * conflict at commit) stopped it, a bounded number of times, and only where no transaction is open around it: inside
 * one, the clash goes to the transaction's opener, since everything before it was rolled back too.
 */
@MicronautTest(transactional = false)
class ClashRetryTest {

    @Inject
    Clashing clashing;
    @Inject
    Outer outer;
    @Inject
    MeterRegistry registry;

    @Test
    void aClashOutsideATransactionIsMadeAgainUpToThreeTimes() {
        double before = retried();
        clashing.calls.set(0);
        assertThat(clashing.work(2)).isEqualTo("stored");
        assertThat(clashing.calls).hasValue(3);
        assertThat(retried() - before).isEqualTo(2);

        clashing.calls.set(0);
        assertThrows(DataAccessException.class, () -> clashing.work(3));
        assertThat(clashing.calls).as("attempts in all").hasValue(3);
    }

    @Test
    void insideATransactionTheClashGoesToItsOpener() {
        clashing.calls.set(0);
        assertThrows(DataAccessException.class, () -> outer.inTransaction(1));
        assertThat(clashing.calls).hasValue(1);
    }

    @Test
    void anyOtherFailureIsNotMadeAgain() {
        clashing.calls.set(0);
        assertThrows(IllegalStateException.class, () -> clashing.fail());
        assertThat(clashing.calls).hasValue(1);
    }

    private double retried() {
        return registry.get("backlog.database.conflicts.retried").counter().count();
    }

    @Singleton
    static class Clashing {
        final AtomicInteger calls = new AtomicInteger();

        /** Stopped by a clash the first {@code clashes} times. */
        @RetriedOnClash
        String work(int clashes) {
            if (calls.incrementAndGet() <= clashes) {
                throw new DataAccessException("Error",
                        new MySQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213));
            }
            return "stored";
        }

        @RetriedOnClash
        String fail() {
            calls.incrementAndGet();
            throw new IllegalStateException("not a clash");
        }
    }

    @Singleton
    static class Outer {
        private final Clashing clashing;

        Outer(Clashing clashing) {
            this.clashing = clashing;
        }

        @Transactional
        String inTransaction(int clashes) {
            return clashing.work(clashes);
        }
    }
}

package org.downtimebacklog.database;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;

/** Makes the work of a {@link RetriedOnClash} method again after a clash, when no transaction is open around it. */
@Singleton
@InterceptorBean(RetriedOnClash.class)
class ClashRetryInterceptor implements MethodInterceptor<Object, Object> {

    static final int ATTEMPTS = 3;

    private final TransactionOperations<Connection> transactions;
    private final Counter retried;

    ClashRetryInterceptor(TransactionOperations<Connection> transactions, MeterRegistry registry) {
        this.transactions = transactions;
        this.retried = Counter.builder("backlog.database.conflicts.retried")
                .description("Transactions made again because a clash with another stopped them").register(registry);
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        if (transactions.findTransactionStatus().isPresent()) {
            // part of a larger transaction, which the clash rolled back whole: only its opener can start it again
            return context.proceed();
        }
        return LockConflicts.retried(ATTEMPTS, () -> context.proceed(this), retried::increment);
    }
}

package org.downtimebacklog.database;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class InsertReturningTest {

    @Inject
    InsertReturning insertReturning;

    @Inject
    TransactionOperations<Connection> transactions;

    @Test
    void mariaDbFromTenFiveReturnsTheRowsOfAnInsertAndMySqlDoesNot() {
        assertThat(InsertReturning.understood("11.4.5-MariaDB")).isTrue();
        assertThat(InsertReturning.understood("10.5.0-MariaDB-1:10.5.0+maria~focal")).isTrue();
        assertThat(InsertReturning.understood("5.5.5-10.6.12-MariaDB-log")).isTrue();
        assertThat(InsertReturning.understood("5.5.5-10.4.32-MariaDB")).isFalse();
        assertThat(InsertReturning.understood("10.3.39-MariaDB")).isFalse();
        assertThat(InsertReturning.understood("8.0.36")).isFalse();
        assertThat(InsertReturning.understood("8.4.2-commercial")).isFalse();
        assertThat(InsertReturning.understood("")).isFalse();
    }

    @Test
    void theEmbeddedDatabaseReturnsThem() {
        boolean available = transactions.executeRead(tx -> insertReturning.available());
        assertThat(available).isTrue();
    }
}

package org.downtimebacklog.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded engine answers only its own account; the pool's sessions run at READ COMMITTED, in UTC, with the
 * collation the tables use.
 */
@MicronautTest(transactional = false)
class EmbeddedDatabaseTest {

    @Inject
    DatasourceConfiguration datasource;
    @Inject
    DataSource pool;

    @Test
    void onlyTheApplicationsAccountGetsIn() {
        String url = datasource.getUrl();
        assertThat(url).startsWith("jdbc:mysql://127.0.0.1:");
        assertThatThrownBy(() -> DriverManager.getConnection(url, "root", "")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url, "backlog", "guess")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(url, "", "")).isInstanceOf(SQLException.class);
    }

    @Test
    void sessionsAreReadCommittedInUtcWithTheTablesCollation() throws SQLException {
        // a connection from the application's own pool, as configured in application.yml
        try (Connection c = DelegatingDataSource.unwrapDataSource(pool).getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT @@transaction_isolation, @@collation_connection, "
                             + "(SELECT table_collation FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'item'), "
                             + "@@session.time_zone, "
                             + "(SELECT variable_value FROM information_schema.session_status WHERE variable_name = 'Ssl_version')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("READ-COMMITTED");
            assertThat(rs.getString(2)).isEqualTo(rs.getString(3)).isEqualTo("utf8mb4_general_ci");
            // forceConnectionTimeZoneToSession took effect: the server reads and writes times in UTC, as the service does
            assertThat(rs.getString(4)).isEqualTo("+00:00");
            // the loopback connection to the embedded engine is not encrypted
            assertThat(rs.getString(5)).isEmpty();
        }
    }

    @Test
    void theEngineCachesAQuarterOfTheMachinesMemoryUnlessToldBetweenHalfAGigabyteAndFour() throws SQLException {
        long gib = 1024L * 1024 * 1024;
        long machine = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        try (Connection c = DelegatingDataSource.unwrapDataSource(pool).getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT @@innodb_buffer_pool_size")) {
            rs.next();
            // this machine's default, as the engine was started with it
            assertThat(rs.getLong(1) / 1024 / 1024 + "M").isEqualTo(EmbeddedDatabase.bufferPoolSize(null, machine));
        }
        assertThat(EmbeddedDatabase.bufferPoolSize(null, 24 * gib)).isEqualTo("4096M");
        assertThat(EmbeddedDatabase.bufferPoolSize(null, 8 * gib)).isEqualTo("2048M");
        assertThat(EmbeddedDatabase.bufferPoolSize(null, gib)).isEqualTo("512M");
        // in whole steps of 128 MB, the unit the engine sizes its cache in
        assertThat(EmbeddedDatabase.bufferPoolSize(null, 3 * gib + 900L * 1024 * 1024)).isEqualTo("896M");
        assertThat(EmbeddedDatabase.bufferPoolSize(" 1536m ", 8 * gib)).isEqualTo("1536M");
        assertThat(EmbeddedDatabase.bufferPoolSize("2G", gib)).isEqualTo("2G");
        for (String wrong : new String[] {"lots", "2 G", "0M", "-1G", "2T", "2GB", "99999999M"}) {
            assertThatThrownBy(() -> EmbeddedDatabase.bufferPoolSize(wrong, 8 * gib))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("BACKLOG_DB_BUFFER_POOL").hasMessageContaining(wrong);
        }
    }
}

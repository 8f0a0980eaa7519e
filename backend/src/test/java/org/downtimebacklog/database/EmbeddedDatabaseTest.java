package org.downtimebacklog.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import javax.sql.DataSource;
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
}

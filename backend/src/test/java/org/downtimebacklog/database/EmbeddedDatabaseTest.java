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

/** The embedded engine answers only its own account, at READ COMMITTED, with the collation the tables use. */
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
    void sessionsAreReadCommittedWithTheTablesCollation() throws SQLException {
        // a connection from the application's own pool, as configured in application.yml
        try (Connection c = DelegatingDataSource.unwrapDataSource(pool).getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT @@transaction_isolation, @@collation_connection, "
                             + "(SELECT table_collation FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'item')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("READ-COMMITTED");
            assertThat(rs.getString(2)).isEqualTo(rs.getString(3)).isEqualTo("utf8mb4_general_ci");
        }
    }
}

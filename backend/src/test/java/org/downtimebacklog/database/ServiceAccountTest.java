package org.downtimebacklog.database;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import io.micronaut.jdbc.DataSourceResolver;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service's own database account cannot change or remove audit rows or their seals, whatever a flaw in the service
 * might send (it may only remove the patient values audit events hold apart, as retention does); it can still change
 * the tables whose rows have a lifecycle.
 */
@MicronautTest(transactional = false)
class ServiceAccountTest {

    @Inject
    DataSource dataSource;
    @Inject
    DataSourceResolver dataSources;

    @Test
    void theServiceAccountCannotUpdateOrDeleteTheAuditTrail() throws SQLException {
        try (Connection connection = dataSources.resolve(dataSource).getConnection(); Statement sql = connection.createStatement()) {
            for (String statement : new String[]{
                    "UPDATE audit_event SET reason = 'changed' WHERE id = 1",
                    "DELETE FROM audit_event WHERE id = 1",
                    "UPDATE audit_seal SET hash = 'x' WHERE seq = 1",
                    "DELETE FROM audit_seal WHERE seq = 1",
                    "DELETE FROM flyway_schema_history",
                    "DROP TABLE audit_event",
                    "TRUNCATE TABLE audit_seal",
                    "ALTER TABLE audit_event ADD COLUMN x INT"}) {
                assertThatThrownBy(() -> sql.executeUpdate(statement)).as(statement)
                        .isInstanceOf(SQLException.class).hasMessageContaining("denied");
            }
            assertThatThrownBy(() -> sql.executeUpdate("UPDATE audit_event SET patient_digest = NULL WHERE id = 1"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
            // retention removes the patient values audit events hold apart: that one column, nothing else
            assertThat(sql.executeUpdate("UPDATE audit_event SET patient_changes = NULL WHERE item_id = -1")).isZero();
            assertThat(sql.executeUpdate("UPDATE item SET ward = ward WHERE id = -1")).isZero();
            assertThat(sql.executeUpdate("DELETE FROM refresh_token WHERE id = -1")).isZero();
        }
    }
}

package org.downtimebacklog.database;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.util.StringUtils;
import io.micronaut.flyway.FlywayConfigurationCustomizer;
import io.micronaut.flyway.event.MigrationFinishedEvent;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * With the embedded database, the migrations run as the schema's owner rather than as the service's own account, and
 * afterwards the service's account is granted UPDATE and DELETE on every table but the append-only ones (the audit
 * trail and its seals). An external database is set up the same way by its administrator (see the README).
 */
@Singleton
@Named("default")
class EmbeddedMigrations implements FlywayConfigurationCustomizer, ApplicationEventListener<MigrationFinishedEvent> {

    private final EmbeddedDatabaseConfigurer embedded;
    private final boolean external;

    EmbeddedMigrations(EmbeddedDatabaseConfigurer embedded, @Value("${datasources.default.url:}") String externalUrl) {
        this.embedded = embedded;
        this.external = StringUtils.hasText(externalUrl);
    }

    @Override
    public String getName() {
        return "default";
    }

    @Override
    public void customizeFluentConfiguration(FluentConfiguration flyway) {
        if (!external) {
            EmbeddedDatabase database = embedded.database();
            flyway.dataSource(database.ownerJdbcUrl(), EmbeddedDatabase.OWNER, database.ownerPassword());
        }
    }

    @Override
    public void onApplicationEvent(MigrationFinishedEvent event) {
        if (!external) {
            embedded.database().grantServiceAccount();
        }
    }
}

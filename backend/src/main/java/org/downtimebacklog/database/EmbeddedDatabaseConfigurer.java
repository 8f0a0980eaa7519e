package org.downtimebacklog.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.util.StringUtils;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Points the default datasource at an embedded MariaDB when no external database is configured
 * ({@code DATASOURCES_DEFAULT_URL} unset). The driver is MySQL Connector/J either way.
 */
@Singleton
public class EmbeddedDatabaseConfigurer implements BeanInitializedEventListener<DatasourceConfiguration> {

    private final DataDirectory dataDirectory;
    private final int port;
    private final boolean stopOnClose;
    private final Duration startWait;
    private final @Nullable String bufferPool;
    private EmbeddedDatabase embedded;

    public EmbeddedDatabaseConfigurer(DataDirectory dataDirectory,
                                      @Value("${backlog.embedded-db.port:0}") int port,
                                      @Value("${backlog.embedded-db.stop-on-close:true}") boolean stopOnClose,
                                      @Value("${backlog.embedded-db.start-wait:5m}") Duration startWait,
                                      @Value("${backlog.embedded-db.buffer-pool:}") @Nullable String bufferPool) {
        this.dataDirectory = dataDirectory;
        this.bufferPool = bufferPool;
        this.port = port;
        this.stopOnClose = stopOnClose;
        this.startWait = startWait;
    }

    @Override
    public synchronized DatasourceConfiguration onInitialized(BeanInitializingEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration config = event.getBean();
        if (StringUtils.hasText(config.getConfiguredUrl()) || !"default".equals(config.getName())) {
            return config;
        }
        database();
        config.setUrl(embedded.jdbcUrl());
        config.setJdbcUrl(embedded.jdbcUrl());
        config.setUsername(EmbeddedDatabase.USER);
        config.setPassword(embedded.password());
        return config;
    }

    /** The embedded database, started on first use. */
    synchronized EmbeddedDatabase database() {
        if (embedded == null) {
            long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize();
            embedded = EmbeddedDatabase.acquire(dataDirectory.root(), port, startWait,
                    EmbeddedDatabase.bufferPoolSize(bufferPool, memory));
        }
        return embedded;
    }

    @PreDestroy
    synchronized void close() {
        if (embedded != null) {
            embedded.release(stopOnClose);
            embedded = null;
        }
    }
}

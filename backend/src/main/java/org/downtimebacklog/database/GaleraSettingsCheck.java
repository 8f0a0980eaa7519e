package org.downtimebacklog.database;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

/**
 * At start, when the database is a MariaDB Galera cluster, logs the cluster's size and warns when the service's
 * sessions lack {@code wsrep_sync_wait} (README, "Running on a Galera cluster"): without it a node may answer a read
 * before it has applied what another node committed just before, so an item claimed through one node would look
 * unclaimed, at its old version, through another. On any other server it says nothing.
 */
@Singleton
class GaleraSettingsCheck {

    private static final Logger LOG = LoggerFactory.getLogger(GaleraSettingsCheck.class);
    /** wsrep_sync_wait's bit for reads (SELECT, SHOW, BEGIN). */
    private static final int READS = 1;

    private final JdbcOperations jdbc;

    GaleraSettingsCheck(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    @Transactional(readOnly = true)
    void onStartup(StartupEvent event) {
        try {
            Map<String, String> settings = read("SHOW VARIABLES WHERE Variable_name IN ('wsrep_on', 'wsrep_sync_wait')");
            if (!"ON".equalsIgnoreCase(settings.get("wsrep_on"))) {
                return;
            }
            Map<String, String> status = read("SHOW STATUS WHERE Variable_name IN ('wsrep_cluster_size',"
                    + " 'wsrep_local_state_comment')");
            LOG.info("The database is a Galera cluster of {} nodes; the node this service reached is {}",
                    status.get("wsrep_cluster_size"), status.get("wsrep_local_state_comment"));
            int syncWait = Integer.parseInt(settings.getOrDefault("wsrep_sync_wait", "0"));
            if ((syncWait & READS) == 0) {
                LOG.warn("wsrep_sync_wait is {} for this service's sessions: a read may miss what another node has "
                        + "just committed. Add sessionVariables=wsrep_sync_wait=1 to DATASOURCES_DEFAULT_URL (README, "
                        + "Running on a Galera cluster)", syncWait);
            }
        } catch (RuntimeException e) {
            // a check, not a condition of starting: the service reports its database's health itself
            LOG.warn("Could not read the database's cluster settings: {}", e.getClass().getSimpleName());
        }
    }

    private Map<String, String> read(String sql) {
        return jdbc.prepareStatement(sql, ps -> {
            Map<String, String> values = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.put(rs.getString(1).toLowerCase(java.util.Locale.ROOT), rs.getString(2));
                }
            }
            return values;
        });
    }
}

package org.downtimebacklog.support;

/**
 * The JDBC URL parameters the README gives for a Galera cluster, after the list of nodes:
 * {@code failOverReadOnly=false} keeps a connection that failed over to the next node writable (the driver's default
 * makes it read-only), and {@code wsrep_sync_wait=1} makes every read wait until the node has applied what the
 * cluster committed before it, so that an item claimed through one node is seen claimed through another.
 */
public final class GaleraSettings {

    public static final String URL_PARAMETERS = "failOverReadOnly=false&sessionVariables=wsrep_sync_wait=1";

    private GaleraSettings() {
    }
}

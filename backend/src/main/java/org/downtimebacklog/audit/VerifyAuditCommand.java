package org.downtimebacklog.audit;

import io.micronaut.context.ApplicationContext;
import org.downtimebacklog.database.DataDirectoryInUseException;

import java.io.PrintStream;

/**
 * {@code java -jar downtime-backlog.jar verify-audit}: checks the audit trail's hash chain straight from the database,
 * with the service's configuration, and exits 0 when it is intact, 1 when it is broken, 2 when it could not check.
 * While the service runs on the embedded database, use {@code GET /api/audit/verify} instead (the database is the
 * running service's); on an external database the command and the service can run side by side.
 */
public final class VerifyAuditCommand {

    public static final String NAME = "verify-audit";

    private VerifyAuditCommand() {
    }

    public static int run(String[] args, PrintStream out) {
        try (ApplicationContext context = ApplicationContext.builder().args(args).deduceEnvironment(false).start()) {
            ChainVerification result = context.getBean(AuditChain.class).verify();
            if (result.intact()) {
                out.printf("Audit trail intact: %d events sealed, %d not sealed yet; head seal %d, hash %s%n",
                        result.sealed(), result.unsealed(), result.headSeq(), result.headHash());
                return 0;
            }
            out.printf("Audit trail BROKEN at seal %d: %s (%d seals verified before it)%n", result.firstBrokenSeq(),
                    result.problem(), result.sealed());
            return 1;
        } catch (RuntimeException e) {
            if (hasCause(e, DataDirectoryInUseException.class)) {
                out.println("The service is running on this data directory: check the chain with GET /api/audit/verify,"
                        + " or stop the service and run this command again.");
            } else {
                out.println("Could not check the audit trail: " + e.getMessage());
            }
            return 2;
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}

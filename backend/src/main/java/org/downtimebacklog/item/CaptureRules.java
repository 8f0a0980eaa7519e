package org.downtimebacklog.item;

import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.downtimebacklog.outage.OutageForLogging;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.NotInFuture;
import org.downtimebacklog.web.Violation;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Where and when an item may be logged, or corrected to: the rules that need its outage. */
@Singleton
class CaptureRules {

    private final NotInFuture notInFuture;
    private final Duration beforeOutageMargin;
    private final TemporaryIdentities temporaryIdentities;
    private final TransactionOperations<Connection> transactions;

    CaptureRules(NotInFuture notInFuture,
                 @Value("${backlog.capture.before-outage-margin:24h}") Duration beforeOutageMargin,
                 TemporaryIdentities temporaryIdentities, TransactionOperations<Connection> transactions) {
        this.notInFuture = notInFuture;
        this.beforeOutageMargin = beforeOutageMargin;
        this.temporaryIdentities = temporaryIdentities;
        this.transactions = transactions;
    }

    /**
     * Who the item is about (as normalised), for its outage: a real outage refuses the NHS's test numbers, a drill
     * takes only test numbers and temporary ids (a drill never names a real patient); a temporary id must be one the
     * service issued for the item's site, not yet merged, and not naming items of the other kind of outage (a drill's
     * items merge only into a test number, a real outage's never), its identity then locked until the item is stored.
     * Called last of the checks, so that {@code violations} tells whether the item is otherwise fit to store.
     */
    void checkPatient(OutageForLogging outage, String site, Patient patient, List<Violation> violations) {
        String nhs = patient.nhsNumber();
        String local = patient.localId();
        if (outage.drill()) {
            if (nhs != null && !NhsNumber.isTestRange(nhs)) {
                violations.add(new Violation("patient.nhsNumber", "outage " + outage.reference()
                        + " is a drill: only test NHS numbers (999 000 0000 to 999 999 9999) are accepted"));
            }
            if (local != null && !TemporaryIdentities.isTemporary(local)) {
                violations.add(new Violation("patient.localId", "outage " + outage.reference()
                        + " is a drill: only temporary ids (TMP-...) are accepted, never a hospital number"));
            }
        } else if (nhs != null && NhsNumber.isTestRange(nhs)) {
            violations.add(new Violation("patient.nhsNumber",
                    "is an NHS test number (999 000 0000 to 999 999 9999), accepted only in a drill outage"));
        }
        if (TemporaryIdentities.isTemporary(local)) {
            // only an item about to be stored fixes the identity's kind of outage, never a check or a refused item
            boolean logging = violations.isEmpty() && !outage.closed() && !readOnly();
            temporaryIdentities.refusal(local, site, outage.drill(), logging)
                    .ifPresent(why -> violations.add(new Violation("patient.localId", why)));
        }
    }

    /** Whether the caller's transaction only reads (an import's preview): nothing is then fixed. */
    private boolean readOnly() {
        return transactions.findTransactionStatus()
                .flatMap(status -> status.getTransactionDefinition().isReadOnly())
                .orElse(false);
    }

    /**
     * When the care was given: not in the future, and not earlier than the outage's start less the margin
     * ({@code backlog.capture.before-outage-margin}, for care given just before the systems failed).
     */
    void checkOccurredAt(OutageForLogging outage, Instant occurredAt, List<Violation> violations) {
        notInFuture.check("occurredAt", occurredAt, violations);
        Instant earliest = outage.startedAt().minus(beforeOutageMargin);
        if (occurredAt.isBefore(earliest)) {
            violations.add(new Violation("occurredAt", "must not be before " + earliest + " ("
                    + beforeOutageMargin.toHours() + " h before outage " + outage.reference() + " began)"));
        }
    }

    /** The site is one of the outage's and the caller's; the system is one of the outage's. */
    void checkPlacement(OutageForLogging outage, String site, String targetSystem, Caller caller,
                        List<Violation> violations) {
        if (!outage.sites().contains(site)) {
            violations.add(new Violation("site", "is not one of the outage's sites " + outage.sites().stream().sorted().toList()));
        } else if (!caller.canAccessSite(site)) {
            violations.add(new Violation("site", "is not one of your sites"));
        }
        if (!outage.systems().containsKey(targetSystem)) {
            violations.add(new Violation("targetSystem", "is not one of the outage's systems " + outage.systems().keySet()));
        }
    }
}

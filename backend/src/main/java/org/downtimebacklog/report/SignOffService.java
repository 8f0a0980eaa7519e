package org.downtimebacklog.report;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.database.DuplicateKeys;
import org.downtimebacklog.outage.OutageResponse;
import org.downtimebacklog.outage.OutageService;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;
import org.downtimebacklog.web.AccessDeniedException;
import org.downtimebacklog.web.ConflictException;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.Text;
import org.downtimebacklog.web.Violation;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Signing an outage off as reconciled. The rules, in the order they are checked:
 * <ol>
 * <li>a team lead who works at every site of the outage (403; an outage not at their sites 404);</li>
 * <li>every exception named has a ref and a reason, once each (422 naming {@code exceptions[i].ref} or
 * {@code exceptions[i].reason});</li>
 * <li>one sign-off per outage: the same request again from the same person answers the sign-off made (200), any other
 * 409;</li>
 * <li>the outage is closed (409);</li>
 * <li>each ref is an exception of the report, an item still open or a sheet not accounted for (422 naming it), and
 * every exception is named (409 listing those left uncovered).</li>
 * </ol>
 * Items may still be changed after sign-off (a record found wrong must be put right); the report lists those changed
 * since. Recorded in the audit trail.
 */
@Singleton
public class SignOffService {

    private final SignOffRepository signOffs;
    private final ReportService reports;
    private final OutageService outages;
    private final AuditService audit;
    private final Clock clock;

    SignOffService(SignOffRepository signOffs, ReportService reports, OutageService outages, AuditService audit,
                   Clock clock) {
        this.signOffs = signOffs;
        this.reports = reports;
        this.outages = outages;
        this.audit = audit;
        this.clock = clock;
    }

    /** The sign-off, and whether this request made it (false: the same request was made before). */
    public record Outcome(RecoveryReport.SignOffView signOff, boolean created) {
    }

    @Transactional
    public Outcome signOff(long outageId, SignOffRequest request, Caller caller) {
        if (!caller.hasRole(Role.TEAM_LEAD)) {
            throw AccessDeniedException.forbidden("Only a team lead can sign an outage off.");
        }
        OutageResponse outage = outages.get(outageId, caller);
        if (!outage.sites().stream().allMatch(caller::canAccessSite)) {
            throw AccessDeniedException.forbidden("Only a team lead of every site of the outage can sign it off.");
        }
        String statement = Text.blankToNull(request.statement());
        List<Named> named = validated(request.exceptionsOrEmpty());
        String hash = hash(statement, named);

        signOffs.lockOutage(outageId);
        Optional<SignOff> existing = signOffs.findById(outageId);
        if (existing.isPresent()) {
            SignOff s = existing.get();
            if (s.signedBy().equals(caller.username()) && s.requestHash().equals(hash)) {
                return new Outcome(reports.view(s), false);
            }
            throw new ConflictException("Outage " + outage.reference() + " was already signed off by " + s.signedBy()
                    + " at " + s.signedAt() + ".", Map.<String, Object>of("signedBy", s.signedBy(), "signedAt", s.signedAt().toString()));
        }
        if (outage.closedAt() == null) {
            throw new ConflictException("Outage " + outage.reference() + " is still open: close it before signing it off.",
                    Map.<String, Object>of("outageStatus", outage.status()));
        }

        // each exception of the report, by its reference in upper case (sheet ids are read in any case)
        Map<String, ReportService.Pending> pending = new LinkedHashMap<>();
        reports.signOffExceptions(outageId).forEach(p -> pending.put(p.ref().toUpperCase(Locale.ROOT), p));
        List<Violation> unknown = new ArrayList<>();
        for (Named n : named) {
            if (!pending.containsKey(n.ref())) {
                unknown.add(new Violation("exceptions[" + n.index() + "].ref", "is not an exception of outage "
                        + outage.reference() + " (an item still open or a sheet not accounted for)"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(unknown);
        }
        Set<String> covered = new HashSet<>();
        named.forEach(n -> covered.add(n.ref()));
        List<String> uncovered = pending.entrySet().stream().filter(e -> !covered.contains(e.getKey()))
                .map(e -> e.getValue().ref()).toList();
        if (!uncovered.isEmpty()) {
            throw new ConflictException(uncovered.size() + " exception(s) of outage " + outage.reference()
                    + " have no reason: each item still open and each sheet not accounted for must be named in "
                    + "exceptions with a reason.", Map.<String, Object>of("uncovered", uncovered));
        }

        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        List<RecoveryReport.SignedException> exceptions = named.stream().map(n -> {
            ReportService.Pending p = pending.get(n.ref());
            return new RecoveryReport.SignedException(p.ref(), p.kind(), n.reason());
        }).toList();
        SignOff saved;
        try {
            saved = signOffs.save(new SignOff(outageId, caller.username(), now, statement,
                    reports.writeExceptions(exceptions), hash));
        } catch (RuntimeException e) {
            if (DuplicateKeys.isDuplicateKey(e)) {
                throw new ConflictException("Outage " + outage.reference() + " was signed off by someone else just now.");
            }
            throw e;
        }
        audit.record(caller, "OUTAGE_SIGNED_OFF", ReportService.ENTITY, outageId, null, Changes.none()
                .set("statement", statement)
                .set("exceptions", exceptions.stream().map(e -> e.ref() + ": " + e.reason()).toList()), null);
        return new Outcome(reports.view(saved), true);
    }

    /** An exception as the request named it: its place in the list, its ref (upper case) and reason. */
    private record Named(int index, String ref, String reason) {
    }

    private static List<Named> validated(List<SignOffRequest.ExceptionReason> given) {
        List<Violation> violations = new ArrayList<>();
        List<Named> named = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String ref = Text.blankToNull(given.get(i).ref());
            String reason = Text.blankToNull(given.get(i).reason());
            if (ref == null) {
                violations.add(new Violation("exceptions[" + i + "].ref", "is required: the reference the report gives"));
            } else {
                ref = ref.toUpperCase(Locale.ROOT);
                if (!seen.add(ref)) {
                    violations.add(new Violation("exceptions[" + i + "].ref", "names " + ref + " a second time"));
                }
            }
            if (reason == null) {
                violations.add(new Violation("exceptions[" + i + "].reason",
                        "is required: why the outage is signed off with this exception"));
            }
            named.add(new Named(i, ref, reason));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return named;
    }

    private static String hash(String statement, List<Named> named) {
        StringBuilder text = new StringBuilder(statement == null ? "-" : "+" + statement);
        for (Named n : named) {
            text.append('\u0000').append(n.ref()).append('\u0001').append(n.reason());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

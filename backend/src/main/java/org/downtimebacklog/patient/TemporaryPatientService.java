package org.downtimebacklog.patient;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.item.PatientMerge;
import org.downtimebacklog.item.TemporaryIdentities;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.ConflictException;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.NotFoundException;
import org.downtimebacklog.web.Text;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Temporary identities for patients not yet identified: issued per site as TMP-&lt;site&gt;-&lt;n&gt;, logged under as
 * the patient's local id, and merged by a lead into the real NHS number or local id.
 */
@Singleton
public class TemporaryPatientService implements TemporaryIdentities {

    static final String ENTITY = "TEMPORARY_PATIENT";
    /** The items' local id column holds at most this many characters. */
    static final int MAX_ID_LENGTH = 32;

    private final TemporaryPatientRepository patients;
    private final PatientMerge merge;
    private final AuditService audit;
    private final Clock clock;

    TemporaryPatientService(TemporaryPatientRepository patients, PatientMerge merge, AuditService audit, Clock clock) {
        this.patients = patients;
        this.merge = merge;
        this.audit = audit;
        this.clock = clock;
    }

    /** Issues the site's next temporary id; 422 naming {@code site} for a site not the caller's. */
    @Transactional
    public TemporaryPatientResponse issue(TemporaryPatientCreateRequest request, Caller caller) {
        String site = request.site();
        if (!caller.canAccessSite(site)) {
            throw InvalidInputException.of("site", "is not one of your sites");
        }
        patients.advanceCounter(site);
        int number = patients.lastNumber(site);
        String temporaryId = PREFIX + site + "-" + String.format(Locale.ROOT, "%04d", number);
        if (temporaryId.length() > MAX_ID_LENGTH) {
            throw InvalidInputException.of("site", "is too long for a temporary id of at most " + MAX_ID_LENGTH
                    + " characters");
        }
        TemporaryPatient saved = patients.save(TemporaryPatient.issued(temporaryId, site, number,
                Text.blankToNull(request.description()), Instant.now(clock), caller.username()));
        audit.record(caller, "TEMPORARY_PATIENT_ISSUED", ENTITY, saved.id(), null, Changes.none()
                .set("temporaryId", temporaryId).set("site", site).set("description", saved.description()), null);
        return response(saved, 0);
    }

    /** The identity with how many items are logged under it; a view of patient details, so audited. */
    @Transactional
    public TemporaryPatientResponse get(String temporaryId, Caller caller) {
        TemporaryPatient found = visible(patients.findByTemporaryId(temporaryId), temporaryId, caller);
        audit.record(caller, "TEMPORARY_PATIENT_VIEWED", ENTITY, found.id(), null,
                Changes.none().set("temporaryId", found.temporaryId()), null);
        return response(found, merge.count(found.site(), found.temporaryId()));
    }

    /**
     * Merges the identity into the real one: every item logged under it at its site moves, in this transaction, and
     * the identity is marked merged, keeping the ids of the items moved. Locking its row first makes an item being
     * logged under it finish (and be moved) before, or be refused after. Sent again into the same NHS number or local
     * id (the first answer lost on the way, say), it answers as the first did, audited as a view; into another, 409.
     */
    @Transactional
    public MergeResponse merge(String temporaryId, MergeRequest request, Caller caller) {
        TemporaryPatient found = visible(patients.findForUpdate(temporaryId), temporaryId, caller);
        PatientMerge.Target target = merge.target(request.nhsNumber(), request.localId());
        if (found.merged()) {
            if (!found.mergedInto(target.nhsNumber(), target.localId())) {
                throw new ConflictException(found.temporaryId() + " was already merged, into another patient, at "
                        + found.mergedAt() + ".", Map.of("mergedAt", found.mergedAt().toString()));
            }
            audit.record(caller, "TEMPORARY_PATIENT_VIEWED", ENTITY, found.id(), null, Changes.none()
                    .set("temporaryId", found.temporaryId()).set("mergeRepeated", true), null);
            return new MergeResponse(response(found, 0), found.mergedItemIds(), found.backEnteredItemIds());
        }
        String reason = Text.blankToNull(request.reason());
        PatientMerge.Result result = merge.repoint(found.site(), found.temporaryId(), target, caller, reason);
        // the time as the column keeps it (microseconds), so that a repeated merge answers exactly as this one
        TemporaryPatient merged = patients.update(found.mergedInto(target.nhsNumber(), target.localId(),
                caller.username(), reason, result.items(), result.backEntered(),
                Instant.now(clock).truncatedTo(ChronoUnit.MICROS)));
        audit.record(caller, "TEMPORARY_PATIENT_MERGED", ENTITY, merged.id(), null, Changes.none()
                .set("temporaryId", merged.temporaryId())
                .set("nhsNumber", target.nhsNumber()).set("localId", target.localId())
                .set("items", result.items()).set("backEntered", result.backEntered()), reason);
        return new MergeResponse(response(merged, 0), merged.mergedItemIds(), merged.backEnteredItemIds());
    }

    @Override
    @Transactional(propagation = io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY)
    public Optional<String> refusal(String temporaryId, String site, boolean drill, boolean logging) {
        Optional<TemporaryPatient> found = patients.findForShare(temporaryId);
        if (found.isEmpty()) {
            return Optional.of("is not a temporary id the service issued");
        }
        TemporaryPatient identity = found.get();
        if (!identity.site().equals(site)) {
            return Optional.of(identity.temporaryId() + " was issued for another site; get a temporary id at " + site);
        }
        if (identity.merged()) {
            return Optional.of(identity.temporaryId() + " was merged into "
                    + new PatientMerge.Target(identity.mergedNhsNumber(), identity.mergedLocalId()).masked()
                    + " at " + identity.mergedAt() + "; log the item under that identifier");
        }
        if (identity.drill() != null && identity.drill() != drill) {
            return Optional.of(identity.temporaryId() + (identity.drill()
                    ? " names items of a drill outage and cannot be used in a real outage"
                    : " names items of a real outage and cannot be used in a drill")
                    + " (it could never be merged); get a new temporary id for this outage");
        }
        if (identity.drill() == null && logging) {
            patients.fixKind(identity.id(), drill);
        }
        return Optional.empty();
    }

    private TemporaryPatientResponse response(TemporaryPatient p, long items) {
        String into = p.merged() ? new PatientMerge.Target(p.mergedNhsNumber(), p.mergedLocalId()).masked() : null;
        return new TemporaryPatientResponse(p.temporaryId(), p.site(), p.description(),
                p.merged() ? "MERGED" : "ACTIVE", p.createdAt(), p.createdBy(), p.mergedAt(), p.mergedBy(), into, items,
                p.mergedItemIds(), p.backEnteredItemIds());
    }

    /** One of the caller's sites' identities; another site's answers as one that does not exist. */
    private static TemporaryPatient visible(Optional<TemporaryPatient> found, String temporaryId, Caller caller) {
        return found.filter(p -> caller.canAccessSite(p.site()))
                .orElseThrow(() -> new NotFoundException("Temporary patient " + temporaryId));
    }
}

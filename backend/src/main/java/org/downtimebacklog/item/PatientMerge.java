package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.outage.OutageService;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.Text;
import org.downtimebacklog.web.Violation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY;

/**
 * Moves every item logged under a temporary identity to the patient it turned out to be, in the caller's
 * transaction: each item re-pointed and audited, then the duplicate checks run again for them.
 */
@Singleton
public class PatientMerge {

    private final ItemRepository items;
    private final ItemWriter writer;
    private final OutageService outages;
    private final PossibleDuplicates duplicates;
    private final Clock clock;

    PatientMerge(ItemRepository items, ItemWriter writer, OutageService outages, PossibleDuplicates duplicates,
                 Clock clock) {
        this.items = items;
        this.writer = writer;
        this.outages = outages;
        this.duplicates = duplicates;
        this.clock = clock;
    }

    /** Who a temporary identity is merged into: an NHS number (checked, stored as ten digits) or a local id. */
    public record Target(@Nullable String nhsNumber, @Nullable String localId) {

        /** As the lists show it: "NHS *** *** 5919" or "Local ***123". */
        public String masked() {
            return new Patient(nhsNumber, localId, null, null).masked();
        }

        boolean isTestNumber() {
            return nhsNumber != null && NhsNumber.isTestRange(nhsNumber);
        }
    }

    /** What a merge changed: every item, and those already entered in their system under the temporary identity. */
    public record Result(List<Long> items, List<Long> backEntered) {
    }

    /**
     * The target as given: exactly one of an NHS number (Modulus 11) or a local id, never another temporary id;
     * 422 naming {@code nhsNumber} or {@code localId}.
     */
    public Target target(@Nullable String nhsNumber, @Nullable String localId) {
        String nhs = Text.blankToNull(nhsNumber);
        String local = Text.blankToNull(localId);
        if ((nhs == null) == (local == null)) {
            throw InvalidInputException.of("nhsNumber", "give either an nhsNumber or a localId");
        }
        if (nhs != null) {
            String digits = NhsNumber.digitsOf(nhs);
            if (digits == null) {
                throw InvalidInputException.of("nhsNumber", "must be 10 digits (spaces or dashes allowed)");
            }
            if (!NhsNumber.isValid(digits)) {
                throw InvalidInputException.of("nhsNumber", "is not a valid NHS number (check digit does not match)");
            }
            return new Target(digits, null);
        }
        if (local.length() > 32 || !local.matches("^[A-Za-z0-9/_.-]+$")) {
            throw InvalidInputException.of("localId", "must be 1 to 32 letters, digits, '/', '_', '.' or '-'");
        }
        if (TemporaryIdentities.isTemporary(local)) {
            throw InvalidInputException.of("localId", "is a temporary id; merge into the patient's real identifier");
        }
        return new Target(null, local);
    }

    /** How many items at the site are logged under this temporary id. */
    public long count(String site, String temporaryId) {
        return items.countByLocalId(site, temporaryId);
    }

    /**
     * Re-points every item at {@code site} logged under {@code temporaryId} to {@code target}, whatever its status (an
     * item already entered in its system keeps its status and is named in {@link Result#backEntered()}, for the
     * record there to be corrected too). Each change is audited as ITEM_PATIENT_MERGED by the caller. A drill's items
     * go only to a test NHS number, a real outage's never to one (422 naming the field, nothing changed).
     */
    @io.micronaut.transaction.annotation.Transactional(propagation = MANDATORY)
    public Result repoint(String site, String temporaryId, Target target, Caller caller, @Nullable String reason) {
        List<Item> found = items.lockByLocalId(site, temporaryId);
        String field = target.nhsNumber() != null ? "nhsNumber" : "localId";
        for (Item item : found) {
            boolean drill = outages.isDrill(item.outageId());
            if (drill && !target.isTestNumber()) {
                throw new InvalidInputException(List.of(new Violation(field, "items of " + temporaryId
                        + " are in a drill outage: merge only into a test NHS number (999 000 0000 to 999 999 9999)")));
            }
            if (!drill && target.isTestNumber()) {
                throw new InvalidInputException(List.of(new Violation(field,
                        "is an NHS test number (999 000 0000 to 999 999 9999), accepted only in a drill outage")));
            }
        }
        Instant now = Instant.now(clock);
        List<Long> changed = new ArrayList<>();
        List<Long> backEntered = new ArrayList<>();
        for (Item item : found) {
            Patient p = item.captured().patient();
            Patient merged = target.nhsNumber() != null
                    ? new Patient(target.nhsNumber(), null, p.name(), p.dateOfBirth())
                    : new Patient(p.nhsNumber(), target.localId(), p.name(), p.dateOfBirth());
            Item after = item.withPatient(merged, now);
            boolean entered = item.state().enteredAt() != null;
            Changes changes = Changes.none().set("temporaryId", temporaryId)
                    .and(after.captured().changesFrom(item.captured()));
            if (entered) {
                changes = changes.set("correctInTargetSystem", item.captured().targetSystem());
                backEntered.add(item.id());
            }
            writer.change(item, after, caller, "ITEM_PATIENT_MERGED", changes, reason);
            changed.add(item.id());
        }
        if (!changed.isEmpty()) {
            duplicates.flagOnLogging(changed, caller, now);
        }
        return new Result(changed, backEntered);
    }
}

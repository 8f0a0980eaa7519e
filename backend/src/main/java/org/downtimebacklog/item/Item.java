package org.downtimebacklog.item;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Relation;
import org.downtimebacklog.web.ETags;

import java.time.Instant;

/**
 * One piece of paper-recorded activity that must reach a clinical system: what was captured, where it is in
 * back-entry and how urgent it is, each a value stored in the item's own columns.
 */
@MappedEntity("item")
record Item(
        @Id @GeneratedValue Long id,
        @Relation(Relation.Kind.EMBEDDED) CapturedFields captured,
        @Relation(Relation.Kind.EMBEDDED) ItemState state,
        @Relation(Relation.Kind.EMBEDDED) ItemPriority priority,
        Instant loggedAt,
        String loggedBy,
        Instant updatedAt,
        long version) {

    static String reference(long id) {
        return String.format("ITM-%06d", id);
    }

    String reference() {
        return reference(id);
    }

    long outageId() {
        return captured.outageId();
    }

    String etag() {
        return ETags.of(version);
    }

    ItemStatus status() {
        return state.status();
    }

    String site() {
        return captured.site();
    }

    /**
     * A new item, version 1, with no one working on it yet. Logged after its system recovered (READY), it enters the
     * queue at once and is due its band's target from now; waiting for its system (LOGGED), it has no due time yet.
     */
    static Item logged(CapturedFields captured, ItemStatus status, Priority priority, PriorityPolicy policy,
                       String loggedBy, Instant now) {
        Instant due = status == ItemStatus.READY ? policy.dueAt(now, priority.band()) : null;
        return new Item(null, captured, ItemState.initial(status), ItemPriority.computed(priority, due), now,
                loggedBy, now, 1);
    }

    /** Corrected captured fields, the priority they give, the due time that follows and the state, as the next version. */
    Item corrected(CapturedFields c, ItemPriority p, ItemState s, Instant now) {
        return new Item(id, c, s, p, loggedAt, loggedBy, now, version + 1);
    }

    /** The next version in a new workflow state. */
    Item withState(ItemState s, Instant now) {
        return new Item(id, captured, s, priority, loggedAt, loggedBy, now, version + 1);
    }

    /** The next version about another patient (a temporary identity merged into the real one). */
    Item withPatient(Patient p, Instant now) {
        CapturedFields c = captured;
        return new Item(id, new CapturedFields(c.outageId(), c.site(), c.ward(), c.category(), c.targetSystem(), p,
                c.occurredAt(), c.recordedBy(), c.recordedByRole(), c.witnessedBy(), c.paperReference(), c.sheetId(),
                c.summary(), c.details(), c.highRisk(), c.patientStatus()), state, priority, loggedAt, loggedBy, now, version + 1);
    }

    /** The next version with a new priority (a team lead's override set or cleared). */
    Item withPriority(ItemPriority p, Instant now) {
        return new Item(id, captured, state, p, loggedAt, loggedBy, now, version + 1);
    }

    /** What the outage's running counts need to know of this item. */
    ItemCounts counts() {
        return new ItemCounts(id, captured.outageId(), captured.site(), state.status(), loggedAt, state.closedAt(), priority.band(),
                captured.targetSystem(), captured.ward());
    }
}

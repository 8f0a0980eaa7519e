package org.downtimebacklog.item;

import io.micronaut.serde.annotation.Serdeable;
import org.downtimebacklog.outage.OutageResponse;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The label of a late entry, to paste into the clinical system with it: "Retrospective entry from downtime record
 * &lt;record&gt;, outage &lt;ref&gt;: care at &lt;time&gt; by &lt;who&gt;; entered &lt;time&gt; by &lt;clerk&gt;", and
 * the same facts one by one. The record is the sheet the care was written on, else the paper reference, else the
 * item's own reference. The entry is the back-entry recorded on the item (who entered it, when) once there is one;
 * before that, the person viewing it, now (who would paste it). Times in the service's time zone
 * ({@code backlog.timezone}), with its offset.
 */
@Serdeable
public record RetrospectiveNote(String text, String record, String outageRef, OffsetDateTime careAt, String caredBy,
                                OffsetDateTime enteredAt, String enteredBy) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm zzz", Locale.UK);

    static RetrospectiveNote of(Item item, String viewer, Instant now, ZoneId zone) {
        CapturedFields c = item.captured();
        String record = c.sheetId() != null ? c.sheetId()
                : c.paperReference() != null ? c.paperReference() : item.reference();
        String outageRef = OutageResponse.reference(item.outageId());
        boolean entered = item.state().enteredAt() != null && item.state().enteredBy() != null;
        Instant enteredAt = entered ? item.state().enteredAt() : now;
        String enteredBy = entered ? item.state().enteredBy() : viewer;
        String text = "Retrospective entry from downtime record " + record + ", outage " + outageRef
                + ": care at " + TIME.format(c.occurredAt().atZone(zone)) + " by " + c.recordedBy()
                + "; entered " + TIME.format(enteredAt.atZone(zone)) + " by " + enteredBy;
        return new RetrospectiveNote(text, record, outageRef, c.occurredAt().atZone(zone).toOffsetDateTime(),
                c.recordedBy(), enteredAt.atZone(zone).toOffsetDateTime(), enteredBy);
    }
}

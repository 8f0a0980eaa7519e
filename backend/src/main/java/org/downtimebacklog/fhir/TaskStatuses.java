package org.downtimebacklog.fhir;

import io.micronaut.core.annotation.Nullable;
import org.downtimebacklog.item.ItemStatus;
import org.downtimebacklog.item.StatusMatch;
import org.hl7.fhir.r4.model.Task.TaskStatus;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How an item's place in back-entry reads as a FHIR Task's status, in one table: the resources and the status search
 * both follow it. An ENTERED item is in progress while a second person's check is due, completed once none is.
 */
final class TaskStatuses {

    private record Row(ItemStatus item, @Nullable Boolean closed, TaskStatus task, String meaning) {
    }

    private static final List<Row> ROWS = List.of(
            new Row(ItemStatus.LOGGED, null, TaskStatus.REQUESTED, "Logged; waiting for its system to recover"),
            new Row(ItemStatus.READY, null, TaskStatus.READY, "Ready to be entered"),
            new Row(ItemStatus.ASSIGNED, null, TaskStatus.INPROGRESS, "Being entered"),
            new Row(ItemStatus.ENTERED, false, TaskStatus.INPROGRESS, "Entered; waiting for a second person's check"),
            new Row(ItemStatus.ENTERED, true, TaskStatus.COMPLETED, "Entered"),
            new Row(ItemStatus.VERIFIED, null, TaskStatus.COMPLETED, "Entered and checked by a second person"),
            new Row(ItemStatus.ON_HOLD, null, TaskStatus.ONHOLD, "On hold: a query back to the ward"),
            new Row(ItemStatus.DUPLICATE, null, TaskStatus.CANCELLED, "A duplicate of another item"),
            new Row(ItemStatus.NOT_REQUIRED, null, TaskStatus.CANCELLED, "Not required"));

    private TaskStatuses() {
    }

    static TaskStatus of(ItemStatus status, boolean closed) {
        return row(status, closed).task();
    }

    /** The business status's words for an item in this state. */
    static String meaning(ItemStatus status, boolean closed) {
        return row(status, closed).meaning();
    }

    /** The item states that read as this Task status (none for statuses no item takes, such as draft). */
    static Set<StatusMatch> itemsIn(TaskStatus task) {
        Set<StatusMatch> matches = new LinkedHashSet<>();
        for (Row row : ROWS) {
            if (row.task() == task) {
                matches.add(new StatusMatch(row.item(), row.closed()));
            }
        }
        return matches;
    }

    private static Row row(ItemStatus status, boolean closed) {
        return ROWS.stream()
                .filter(r -> r.item() == status && (r.closed() == null || r.closed() == closed))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no Task status for " + status));
    }
}

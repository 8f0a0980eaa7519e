package org.downtimebacklog.audit;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;

/**
 * A device reports that it discarded items the caller captured but that were never sent, because they passed the
 * device's age limit. Only counts and times are recorded: the items' contents never left the device.
 */
@Controller("/api/audit/device-discards")
@Secured({Role.CLERK_NAME, Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Audit")
class DeviceDiscardController {

    private final AuditService audit;

    DeviceDiscardController(AuditService audit) {
        this.audit = audit;
    }

    @Post
    @Operation(summary = "Record items a device discarded unsent",
            description = "Recorded in the audit trail as OUTBOX_DISCARDED against the caller, with the count and the "
                    + "capture times only; no patient data.")
    HttpResponse<Void> record(Caller caller, @Body @Valid DeviceDiscardRequest request) {
        audit.recordDeviceDiscard(caller, request);
        return HttpResponse.noContent();
    }
}

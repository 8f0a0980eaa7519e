package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.downtimebacklog.database.RetriedOnClash;
import org.downtimebacklog.audit.AuditEventResponse;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;
import org.downtimebacklog.web.Codes;
import org.downtimebacklog.web.ETags;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.Text;

import java.net.URI;
import java.util.List;
import java.util.Map;

@Controller("/api/items")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Backlog items")
@RetriedOnClash
class ItemController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("^[\\x21-\\x7E]{1,128}$");

    private final ItemService items;
    private final ItemBatchService batches;
    private final ItemWorkflow workflow;
    private final PriorityService priorities;

    ItemController(ItemService items, ItemBatchService batches, ItemWorkflow workflow, PriorityService priorities) {
        this.items = items;
        this.batches = batches;
        this.workflow = workflow;
        this.priorities = priorities;
    }

    @Post
    @Secured({Role.CLERK_NAME, Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Log a backlog item",
            description = "Requires an Idempotency-Key header (1 to 128 visible ASCII characters, made once per item "
                    + "on the client). Sending the same key and body again returns the item first created, with "
                    + "Idempotent-Replayed: true; the same key with another body is refused with 422. sheetId "
                    + "(optional) names the printed sheet the care was written on: a mistyped id (form or check "
                    + "character) or a sheet of another site is 422 naming sheetId, a sheet returned unused or "
                    + "voided 409; a sheet of another ward, or an id not registered here, is accepted with a "
                    + "warning in warnings. The first item from a sheet moves it to IN_USE.")
    @Parameter(name = IDEMPOTENCY_KEY, in = ParameterIn.HEADER, required = true)
    HttpResponse<ItemResponse> create(Caller caller,
                                      @Header(IDEMPOTENCY_KEY) @Nullable String idempotencyKey,
                                      @Body @Valid CapturedFields request) {
        String key = idempotencyKey(idempotencyKey);
        ItemService.Created created = items.create(request, key, caller);
        ItemResponse item = created.item();
        MutableHttpResponse<ItemResponse> response = HttpResponse.created(item, URI.create("/api/items/" + item.id()))
                .header(HttpHeaders.ETAG, ETags.of(item.version()));
        if (created.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response;
    }

    @Post("/batch")
    @Secured({Role.CLERK_NAME, Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Log many backlog items at once",
            description = "items: 1 to " + ItemBatchRequest.MAX_ITEMS + " entries {idempotencyKey, item}, each item "
                    + "with the fields of POST /api/items and its own key (as the Idempotency-Key header there). "
                    + "Answers 200 with one result per entry, in the order sent: status 201 with the item created; "
                    + "200 with the item an earlier request with the same key and the same item created (a replay; "
                    + "keys are shared with POST /api/items); or the status and problem that logging the item alone "
                    + "would answer (400 or 422 naming its fields, 422 naming idempotencyKey for a used key with "
                    + "another item, 404 for an outage you cannot see, 409 for a closed outage). A refused item "
                    + "stores nothing and stops none of the others. The whole request is refused, storing nothing, "
                    + "for malformed JSON, a missing or malformed key, no items or more than "
                    + ItemBatchRequest.MAX_ITEMS + " (400), and a key repeated within the batch (422 naming "
                    + "items[i].idempotencyKey); the whole body is at most 256 KiB (413).")
    ItemBatchResponse createBatch(Caller caller, @Body @Valid ItemBatchRequest request) {
        return batches.create(request, caller);
    }

    @Get
    @Operation(summary = "List items at the caller's sites",
            description = "Filters combine with AND. patient is refused here (400): search for a patient with "
                    + "POST /api/items/search, which keeps the identifier out of the URL. "
                    + "q searches summary, ward, paper reference and who gave the care. sort is one of loggedAt, "
                    + "occurredAt, ward, category, status, targetSystem, id or priority (the queue's order), with '-' in front for "
                    + "descending. "
                    + "Page on with cursor = the next of the page before (keyset paging: every page costs the same); "
                    + "page (an offset) is kept for older clients and cannot be combined with cursor. "
                    + "Patients are shown masked; a patient search is recorded in the audit trail.")
    ItemPage list(Caller caller,
                  @Nullable @QueryValue Long outageId,
                  @Nullable @QueryValue @Pattern(regexp = Codes.SITE, message = Codes.SITE_MESSAGE) String site,
                  @Nullable @QueryValue @Size(max = 64) String ward,
                  @Nullable @QueryValue ItemStatus status,
                  @Nullable @QueryValue Category category,
                  @Nullable @QueryValue @Pattern(regexp = Codes.SYSTEM, message = Codes.SYSTEM_MESSAGE) String targetSystem,
                  @Nullable @QueryValue @Pattern(regexp = "^(true|false)$", message = "must be true or false") String highRisk,
                  @Parameter(description = "Refused: use POST /api/items/search") @Nullable @QueryValue String patient,
                  @Nullable @QueryValue @Size(max = 100) String q,
                  @QueryValue(defaultValue = ItemSort.DEFAULT) String sort,
                  @Nullable @QueryValue @Size(max = 600) String cursor,
                  @QueryValue(defaultValue = "0") @Min(0) @Max(100000) int page,
                  @QueryValue(defaultValue = "50") @Min(1) @Max(ItemService.MAX_PAGE_SIZE) int size) {
        ItemSort order = ItemSort.parse(sort);
        if (order == null) {
            throw InvalidInputException.badRequest("sort", "must be one of " + ItemSort.COLUMNS.keySet()
                    + ", optionally with '-' in front");
        }
        if (patient != null) {
            throw InvalidInputException.badRequest("patient",
                    "goes in the body of POST /api/items/search, so that it stays out of URLs and their logs");
        }
        if (cursor != null && page != 0) {
            throw InvalidInputException.badRequest("page", "cannot be combined with cursor: the cursor says where "
                    + "the page starts");
        }
        ItemFilter filter = new ItemFilter(null, outageId, site, Text.blankToNull(ward), status, category, targetSystem,
                highRisk == null ? null : Boolean.valueOf(highRisk), null, null, Text.blankToNull(q), order);
        return items.list(filter, page, Text.blankToNull(cursor), size, caller);
    }

    @Post("/search")
    @Operation(summary = "Find a patient's items",
            description = "patient is an NHS number (any grouping) or a local id, sent in the body so that it stays "
                    + "out of URLs; optionally within one outage. Newest first; patients are shown masked. The search "
                    + "is recorded in the audit trail with the items it found.")
    ItemPage search(Caller caller, @Body @Valid PatientSearchRequest request) {
        ItemFilter filter = new ItemFilter(null, request.outageId(), null, null, null, null, null, null, null, null,
                null, ItemSort.parse(ItemSort.DEFAULT)).withPatient(request.patient());
        if (request.cursor() != null && request.page() != null && request.page() != 0) {
            throw InvalidInputException.badRequest("page", "cannot be combined with cursor: the cursor says where "
                    + "the page starts");
        }
        return items.list(filter, request.page() == null ? 0 : request.page(), Text.blankToNull(request.cursor()),
                request.size() == null ? DEFAULT_PAGE_SIZE : request.size(), caller);
    }

    @Get("/{id}")
    @Operation(summary = "One item with its patient details (the view is audited)",
            description = "With retrospectiveNote: the line to paste into the clinical system with the late entry "
                    + "(\"Retrospective entry from downtime record <record>, outage <ref>: care at <time> by <who>; "
                    + "entered <time> by <clerk>\") and its facts. The record is the sheet id, else the paper "
                    + "reference, else the item's reference; the entry is the recorded back-entry, or before there "
                    + "is one, you, now. Times in the service's time zone.")
    HttpResponse<ItemResponse> get(Caller caller, @PathVariable long id) {
        return withETag(items.view(id, caller));
    }

    @Patch("/{id}")
    @Secured({Role.CLERK_NAME, Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Correct captured fields",
            description = "Requires If-Match with the item's ETag: missing gives 428, stale gives 412. Fields left "
                    + "out stay as they are; an empty string clears an optional text; patient replaces the whole block. "
                    + "A correction that removes the need for a second person's check (category, highRisk) is 403 "
                    + "except for a team lead who neither holds nor entered the item, who must give a reason.")
    @Parameter(name = HttpHeaders.IF_MATCH, in = ParameterIn.HEADER, required = true)
    HttpResponse<ItemResponse> update(Caller caller, @PathVariable long id,
                                      @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                                      @RequestBody(description = "Any of the fields of a new item but outageId, and "
                                              + "optionally reason (at most 500 characters).", content = @Content(
                                              schema = @Schema(implementation = CapturedFields.class)))
                                      @Body Map<String, Object> request) {
        return withETag(items.update(id, ifMatch, request, caller));
    }

    @Post("/{id}/transitions")
    @Operation(summary = "Move an item to another status",
            description = "Requires If-Match. LOGGED->READY happens when the system's recovery is recorded; "
                    + "READY->ASSIGNED through /api/queue/next or /api/items/assign. ENTERED needs externalReference and "
                    + "is made by the assignee; VERIFIED by someone other than who entered it; ON_HOLD and NOT_REQUIRED "
                    + "need a reason; DUPLICATE needs duplicateOf; NOT_REQUIRED and DUPLICATE are for team leads. "
                    + "An illegal move is 409 naming the current and requested status; a move your role may not make, 403.")
    @Parameter(name = HttpHeaders.IF_MATCH, in = ParameterIn.HEADER, required = true)
    HttpResponse<ItemResponse> transition(Caller caller, @PathVariable long id,
                                          @Header(HttpHeaders.IF_MATCH) @Nullable String ifMatch,
                                          @Body @Valid TransitionRequest request) {
        return withETag(workflow.transition(id, ifMatch, request, caller));
    }

    @Post("/{id}/priority")
    @Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
    @Operation(summary = "Override an item's priority band",
            description = "band P1 to P4 with a reason; it holds until cleared with band null.")
    HttpResponse<ItemResponse> priority(Caller caller, @PathVariable long id,
                                        @Body @Valid PriorityOverrideRequest request) {
        return withETag(priorities.override(id, request, caller));
    }

    @Get("/{id}/history")
    @Operation(summary = "The item's audit trail, oldest first")
    List<AuditEventResponse> history(Caller caller, @PathVariable long id) {
        return items.history(id, caller);
    }

    private static String idempotencyKey(@Nullable String header) {
        if (header == null || header.isBlank()) {
            throw InvalidInputException.badRequest(IDEMPOTENCY_KEY, "header is required: a unique key made once per item");
        }
        String key = header.strip();
        if (key.length() >= 2 && key.startsWith("\"") && key.endsWith("\"")) {
            key = key.substring(1, key.length() - 1);
        }
        if (!KEY.matcher(key).matches()) {
            throw InvalidInputException.badRequest(IDEMPOTENCY_KEY, "must be 1 to 128 visible ASCII characters");
        }
        return key;
    }

    static HttpResponse<ItemResponse> withETag(ItemResponse item) {
        return HttpResponse.ok(item).header(HttpHeaders.ETAG, ETags.of(item.version()));
    }
}

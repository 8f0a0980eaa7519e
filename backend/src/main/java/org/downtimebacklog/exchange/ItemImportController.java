package org.downtimebacklog.exchange;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.downtimebacklog.database.RetriedOnClash;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;
import org.reactivestreams.Publisher;

import java.net.URI;
import java.util.List;

@Controller("/api")
@Secured({Role.TEAM_LEAD_NAME, Role.ADMIN_NAME})
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Imports")
@RetriedOnClash
class ItemImportController {

    private final ItemImportService imports;

    ItemImportController(ItemImportService imports) {
        this.imports = imports;
    }

    @Post("/imports")
    @Operation(summary = "Begin importing a spreadsheet (CSV) into an outage",
            description = "Registers the file by name and size (at most 50 MiB). Then send it in parts of partSize "
                    + "bytes with PUT /api/imports/{id}/parts/{part}, complete it, preview a mapping, and start it. "
                    + "Rows are stored in the background exactly as POST /api/items stores an item, each at most "
                    + "once per outage however often the file, or one that overlaps it, is imported.")
    @ApiResponse(responseCode = "201", description = "Registered; send the parts",
            content = @Content(schema = @Schema(implementation = ImportResponse.class)))
    HttpResponse<ImportResponse> create(Caller caller, @Body @Valid ImportCreateRequest request) {
        ImportResponse created = imports.create(request, caller);
        return HttpResponse.created(created, URI.create("/api/imports/" + created.id()));
    }

    @Put(value = "/imports/{id}/parts/{part}", consumes = MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Send one part of the file",
            description = "Parts are numbered from 0; each is exactly partSize bytes but the last, which holds the "
                    + "rest. Sending a part again replaces it, so a part whose answer was lost can simply be sent again.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "204", description = "Stored")
    HttpResponse<Void> part(Caller caller, @PathVariable long id, @PathVariable @Min(0) int part, @Body byte[] content) {
        imports.putPart(id, part, content, caller);
        return HttpResponse.noContent();
    }

    @Post("/imports/{id}/complete")
    @Operation(summary = "Put the parts together and read the file",
            description = "Reads its encoding (UTF-8, or Windows-1252 when it is not UTF-8), its delimiter (comma, "
                    + "semicolon or tab), its header row and how many rows it has, and suggests a mapping: a saved "
                    + "one whose columns the file has, else one from the headers' names. 409 names the parts still "
                    + "missing; 422 a file that is not a CSV with a header row and rows.")
    ImportResponse complete(Caller caller, @PathVariable long id) {
        return imports.complete(id, caller);
    }

    @Post("/imports/{id}/preview")
    @Operation(summary = "Try a mapping on the first rows",
            description = "Each row with what importing it would do (STORE, ALREADY_IMPORTED, REPEATED_IN_FILE or "
                    + "REFUSED) and every problem by column. Nothing is stored; the preview is audited, as it shows "
                    + "patients' details.")
    ImportPreview preview(Caller caller, @PathVariable long id, @Body @Valid ImportPreviewRequest request) {
        return imports.preview(id, request, caller);
    }

    @Post("/imports/{id}/start")
    @Operation(summary = "Import the file with this mapping",
            description = "Answers 202 at once; the rows are stored in the background in batches, the items logged "
                    + "by the person who started it. Follow it with GET /api/imports/{id}. saveAs saves the mapping "
                    + "under that name for the next file of the same shape.")
    @ApiResponse(responseCode = "202", description = "Started; it runs in the background",
            content = @Content(schema = @Schema(implementation = ImportResponse.class)))
    HttpResponse<ImportResponse> start(Caller caller, @PathVariable long id, @Body @Valid ImportStartRequest request) {
        return HttpResponse.status(HttpStatus.ACCEPTED).body(imports.start(id, request, caller));
    }

    @Get("/imports/{id}")
    @Operation(summary = "An import and how far it has gone")
    ImportResponse get(Caller caller, @PathVariable long id) {
        return imports.get(id, caller);
    }

    @Get("/imports")
    @Operation(summary = "An outage's imports, newest first (the latest 50)")
    List<ImportResponse> list(Caller caller, @QueryValue long outageId) {
        return imports.list(outageId, caller);
    }

    @Delete("/imports/{id}")
    @Operation(summary = "Discard an import not yet started, and its file")
    @ApiResponse(responseCode = "204", description = "Discarded")
    HttpResponse<Void> discard(Caller caller, @PathVariable long id) {
        imports.discard(id, caller);
        return HttpResponse.noContent();
    }

    @Get(value = "/imports/{id}/refused.csv", produces = ItemExportController.CSV)
    @Operation(summary = "The refused rows as CSV",
            description = "The file's own columns, then row (as a spreadsheet numbers it), column and reason. UTF-8 "
                    + "with a byte-order mark, formulas neutralised. The download is audited, as the rows hold "
                    + "patients' details.")
    @ApiResponse(responseCode = "200", description = "The refused rows",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    HttpResponse<Publisher<byte[]>> refused(Caller caller, @PathVariable long id) {
        imports.recordRefusalsDownload(id, caller);
        return HttpResponse.<Publisher<byte[]>>ok(imports.refusals(id, caller))
                .header("Content-Disposition", "attachment; filename=\"import-" + id + "-refused-rows.csv\"");
    }

    @Get("/import-mappings")
    @Operation(summary = "Saved column mappings, the most recently saved first")
    List<SavedMapping> mappings() {
        return imports.mappings();
    }

    @Post("/import-mappings")
    @Operation(summary = "Save a column mapping under a name", description = "Replaces one saved under the same name.")
    SavedMapping saveMapping(Caller caller, @Body @Valid SavedMapping.Request request) {
        return imports.saveMapping(request, caller);
    }
}

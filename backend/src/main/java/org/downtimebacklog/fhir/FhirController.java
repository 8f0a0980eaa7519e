package org.downtimebacklog.fhir;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.InvalidInputException;
import org.hl7.fhir.r4.model.Resource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Controller("/api/fhir")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "FHIR R4")
class FhirController {

    static final String FHIR_JSON = "application/fhir+json";
    private static final String PATH = "/api/fhir";

    private final FhirService fhir;
    private final HttpHostResolver hosts;

    FhirController(FhirService fhir, HttpHostResolver hosts) {
        this.fhir = fhir;
        this.hosts = hosts;
    }

    @Get(value = "/metadata", produces = FHIR_JSON)
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "The FHIR CapabilityStatement: what this FHIR endpoint offers")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = FHIR_JSON, schema = @Schema(type = "object")))
    HttpResponse<byte[]> metadata(HttpRequest<?> request) {
        return answer(fhir.capabilities(base(request)));
    }

    @Get(value = "/Task", produces = FHIR_JSON)
    @Operation(summary = "Search Tasks: the items at your sites as FHIR R4 Tasks, each with its Provenance",
            description = "A searchset Bundle, lowest id first. Parameters: group-identifier (the outage id), status "
                    + "(Task status codes, comma for alternatives), business-status (item statuses), target-system, "
                    + "_count (1 to 100, default 20) and _after (the paging key; follow the Bundle's next link). An "
                    + "unknown parameter is refused (400), never ignored. A patient's Tasks are searched with POST "
                    + "_search, which keeps the identifier out of the URL. Every Task answered is recorded in the "
                    + "audit trail as a view of its item.")
    @Parameter(name = TaskSearch.OUTAGE, in = ParameterIn.QUERY, schema = @Schema(type = "string"))
    @Parameter(name = TaskSearch.STATUS, in = ParameterIn.QUERY, schema = @Schema(type = "string"))
    @Parameter(name = TaskSearch.BUSINESS_STATUS, in = ParameterIn.QUERY, schema = @Schema(type = "string"))
    @Parameter(name = TaskSearch.TARGET_SYSTEM, in = ParameterIn.QUERY, schema = @Schema(type = "string"))
    @Parameter(name = TaskSearch.COUNT, in = ParameterIn.QUERY, schema = @Schema(type = "integer"))
    @Parameter(name = TaskSearch.AFTER, in = ParameterIn.QUERY, schema = @Schema(type = "integer"))
    @ApiResponse(responseCode = "200", content = @Content(mediaType = FHIR_JSON, schema = @Schema(type = "object")))
    HttpResponse<byte[]> search(HttpRequest<?> request, Caller caller) {
        TaskSearch search = TaskSearch.parse(request.getParameters().asMap(), false);
        return answer(fhir.search(search, caller, base(request), "/Task"));
    }

    @Post(value = "/Task/_search", produces = FHIR_JSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Search Tasks with the parameters in a form body",
            description = "The parameters of GET /api/fhir/Task, and patient:identifier (system|value: "
                    + FhirSystems.NHS_NUMBER + "|<NHS number> or " + FhirSystems.LOCAL_PATIENT_ID + "|<local id>), "
                    + "which is accepted only in the body. The next link of a patient search leaves the identifier "
                    + "out: POST it to _search with the identifier in the body again.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = FHIR_JSON, schema = @Schema(type = "object")))
    HttpResponse<byte[]> searchByForm(HttpRequest<?> request, Caller caller,
                                      @Body @Nullable @Schema(type = "string") String body) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameters().asMap().forEach((name, values) -> {
            if (name.equals(TaskSearch.PATIENT)) {
                TaskSearch.parse(Map.of(name, values), false);
            }
            parameters.put(name, new ArrayList<>(values));
        });
        if (body != null) {
            Map<String, List<String>> form;
            try {
                form = new QueryStringDecoder(body, StandardCharsets.UTF_8, false).parameters();
            } catch (IllegalArgumentException e) {
                throw InvalidInputException.badRequest("body", "is not a well-formed form (name=value&...)");
            }
            form.forEach((name, values) -> parameters.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        }
        TaskSearch search = TaskSearch.parse(parameters, true);
        return answer(fhir.search(search, caller, base(request), "/Task/_search"));
    }

    @Get(value = "/Task/{id}", produces = FHIR_JSON)
    @Operation(summary = "One item as a FHIR Task (the view is audited)")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = FHIR_JSON, schema = @Schema(type = "object")))
    HttpResponse<byte[]> task(Caller caller, @PathVariable long id) {
        return answer(fhir.task(id, caller));
    }

    @Get(value = "/Provenance/{id}", produces = FHIR_JSON)
    @Operation(summary = "The Provenance of one item's Task: the paper record and who touched it (the view is audited)")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = FHIR_JSON, schema = @Schema(type = "object")))
    HttpResponse<byte[]> provenance(Caller caller, @PathVariable long id) {
        return answer(fhir.provenance(id, caller));
    }

    private HttpResponse<byte[]> answer(Resource resource) {
        return HttpResponse.ok(fhir.json(resource)).contentType(FHIR_JSON);
    }

    private String base(HttpRequest<?> request) {
        return hosts.resolve(request) + PATH;
    }
}

package org.downtimebacklog.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The backlog as FHIR R4 Tasks with their Provenance: valid against the base profiles, mapped field by field. */
@MicronautTest(transactional = false)
class FhirTaskTest extends ApiTest {

    private static final String NHS = "9434765919";
    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void aBundleHoldingEveryLifecycleStateIsValidAndMapsEachStatus() {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR", "LIMS");
        Map<String, Long> ids = everyState(outage);

        Api.Response r = api.get("/api/fhir/Task?group-identifier=" + outage.id() + "&_count=100", outage.lead().token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/fhir+json");
        assertThat(FhirValidation.errors(r.raw().body())).isEmpty();
        Bundle bundle = bundle(r);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(bundle.getLink("next")).isNull();
        Map<Long, Task> tasks = tasks(bundle);
        Map<Long, Provenance> provenances = provenances(bundle);
        assertThat(tasks.keySet()).containsExactlyInAnyOrderElementsOf(ids.values());
        assertThat(provenances.keySet()).containsExactlyInAnyOrderElementsOf(ids.values());

        Map<String, Task.TaskStatus> expected = new LinkedHashMap<>();
        expected.put("LOGGED", Task.TaskStatus.REQUESTED);
        expected.put("READY", Task.TaskStatus.READY);
        expected.put("ASSIGNED", Task.TaskStatus.INPROGRESS);
        expected.put("ENTERED_CHECK_DUE", Task.TaskStatus.INPROGRESS);
        expected.put("ENTERED", Task.TaskStatus.COMPLETED);
        expected.put("VERIFIED", Task.TaskStatus.COMPLETED);
        expected.put("ON_HOLD", Task.TaskStatus.ONHOLD);
        expected.put("DUPLICATE", Task.TaskStatus.CANCELLED);
        expected.put("NOT_REQUIRED", Task.TaskStatus.CANCELLED);
        expected.forEach((state, status) -> {
            long id = ids.get(state);
            Task task = tasks.get(id);
            JsonNode item = api.get("/api/items/" + id, outage.lead().token()).body();
            assertThat(task.getStatus()).as(state).isEqualTo(status);
            assertThat(task.getBusinessStatus().getCodingFirstRep().getCode()).as(state)
                    .isEqualTo(item.get("status").asText());
            assertThat(task.getBusinessStatus().getCodingFirstRep().getSystem()).isEqualTo(FhirSystems.ITEM_STATUS);
            assertMapped(task, provenances.get(id), item, outage);
        });
        assertThat(tasks.get(ids.get("ENTERED_CHECK_DUE")).getBusinessStatus().getText())
                .contains("second person's check");
        assertThat(tasks.get(ids.get("DUPLICATE")).getStatusReason().getText())
                .startsWith("Duplicate of " + String.format("ITM-%06d", ids.get("READY")));
        assertThat(tasks.get(ids.get("NOT_REQUIRED")).getStatusReason().getText()).isEqualTo("Interface replayed it");
        assertThat(tasks.get(ids.get("ON_HOLD")).getStatusReason().getText()).isEqualTo("Dose unreadable");

        Provenance verified = provenances.get(ids.get("VERIFIED"));
        assertThat(agent(verified, "performer").getDisplay()).isEqualTo("Staff Nurse Able");
        assertThat(agent(verified, "enterer").getIdentifier().getValue()).isEqualTo(outage.clerk().username());
        assertThat(agent(verified, "author").getIdentifier().getValue()).isEqualTo(outage.clerk().username());
        assertThat(agent(verified, "verifier").getIdentifier().getValue()).isEqualTo(outage.lead().username());
        Task entered = tasks.get(ids.get("VERIFIED"));
        assertThat(entered.getOutputFirstRep().getValue().primitiveValue()).isEqualTo("EMAR-1001");
        assertThat(entered.getOwner().getIdentifier().getValue()).isEqualTo(outage.clerk().username());
        assertThat(tasks.get(ids.get("READY")).hasOwner()).isFalse();
        assertThat(tasks.get(ids.get("READY")).hasExecutionPeriod()).isFalse();
    }

    @Test
    void searchesFilterByStatusBusinessStatusAndSystemAndPageByTheirNextLinks() {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR", "LIMS");
        Map<String, Long> ids = everyState(outage);
        String lead = outage.lead().token();
        String in = "/api/fhir/Task?group-identifier=" + outage.id();

        assertThat(tasks(bundle(api.get(in + "&status=completed", lead))).keySet())
                .containsExactlyInAnyOrder(ids.get("ENTERED"), ids.get("VERIFIED"));
        assertThat(tasks(bundle(api.get(in + "&status=in-progress", lead))).keySet())
                .containsExactlyInAnyOrder(ids.get("ASSIGNED"), ids.get("ENTERED_CHECK_DUE"));
        assertThat(tasks(bundle(api.get(in + "&status=ready,on-hold", lead))).keySet())
                .containsExactlyInAnyOrder(ids.get("READY"), ids.get("ON_HOLD"));
        assertThat(tasks(bundle(api.get(in + "&status=draft", lead)))).isEmpty();
        assertThat(tasks(bundle(api.get(in + "&business-status=ENTERED", lead))).keySet())
                .containsExactlyInAnyOrder(ids.get("ENTERED"), ids.get("ENTERED_CHECK_DUE"));
        assertThat(tasks(bundle(api.get(in + "&status=completed&business-status=ENTERED", lead))).keySet())
                .containsExactly(ids.get("ENTERED"));
        assertThat(tasks(bundle(api.get(in + "&target-system=LIMS", lead))).keySet())
                .containsExactly(ids.get("LOGGED"));
        assertThat(tasks(bundle(api.get("/api/fhir/Task?group-identifier=" + encode(FhirSystems.OUTAGE + "|" + outage.id()),
                lead))).keySet()).hasSize(ids.size());

        List<Long> paged = new ArrayList<>();
        String next = in + "&_count=2";
        int pages = 0;
        while (next != null) {
            Api.Response page = api.get(next, lead);
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            Bundle b = bundle(page);
            assertThat(tasks(b)).hasSizeLessThanOrEqualTo(2);
            paged.addAll(tasks(b).keySet());
            Bundle.BundleLinkComponent link = b.getLink("next");
            next = link == null ? null : link.getUrl().substring(link.getUrl().indexOf("/api/fhir"));
            pages++;
        }
        assertThat(pages).isEqualTo(5);
        assertThat(paged).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids.values());
    }

    @Test
    void aPatientIsSearchedOnlyInTheBodyAndEveryTaskShownIsAudited() {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        long theirs = outage.log(b -> ((ObjectNode) b.get("patient")).put("nhsNumber", NHS)).get("id").asLong();
        long local = outage.log(b -> ((ObjectNode) b.get("patient")).put("localId", "RGH-77").remove("nhsNumber"))
                .get("id").asLong();
        outage.log(b -> ((ObjectNode) b.get("patient")).put("nhsNumber", "401 023 2137"));
        String lead = outage.lead().token();

        Api.Response inUrl = api.get("/api/fhir/Task?patient:identifier=" + FhirSystems.NHS_NUMBER + "%7C" + NHS, lead);
        assertProblem(inUrl, 400, "patient:identifier");
        assertProblem(api.get("/api/fhir/Task?patient=Patient/1", lead), 400, "patient");
        Api.Response inSearchUrl = api.send("POST", "/api/fhir/Task/_search?patient:identifier="
                + FhirSystems.NHS_NUMBER + "%7C" + NHS, lead, "", "Content-Type", FORM);
        assertProblem(inSearchUrl, 400, "patient:identifier");

        Api.Response found = api.send("POST", "/api/fhir/Task/_search", lead,
                "group-identifier=" + outage.id() + "&patient:identifier=" + encode(FhirSystems.NHS_NUMBER + "|" + NHS),
                "Content-Type", FORM);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(FhirValidation.errors(found.raw().body())).isEmpty();
        assertThat(tasks(bundle(found)).keySet()).containsExactly(theirs);
        assertThat(bundle(found).getLink("self").getUrl()).doesNotContain(NHS);

        Api.Response byLocal = api.send("POST", "/api/fhir/Task/_search", lead,
                "patient:identifier=" + encode(FhirSystems.LOCAL_PATIENT_ID + "|RGH-77"), "Content-Type", FORM);
        Task localTask = tasks(bundle(byLocal)).get(local);
        assertThat(tasks(bundle(byLocal)).keySet()).containsExactly(local);
        assertThat(localTask.getFor().getIdentifier().getSystem()).isEqualTo(FhirSystems.LOCAL_PATIENT_ID);

        JsonNode viewed = api.lastAuditEvent(outage.lead().username(), "ITEM_VIEWED");
        assertThat(viewed.get("itemId").asLong()).isEqualTo(local);
        assertThat(viewed.get("changes").get("via").get("new").asText()).isEqualTo("FHIR");

        assertProblem(api.send("POST", "/api/fhir/Task/_search", lead, "patient:identifier=" + NHS,
                "Content-Type", FORM), 400, "patient:identifier");
        assertProblem(api.send("POST", "/api/fhir/Task/_search", lead, "patient:identifier="
                + encode(FhirSystems.NHS_NUMBER + "|" + NHS) + "&patient:identifier=x", "Content-Type", FORM),
                400, "patient:identifier");
    }

    @Test
    void badParametersAreRefusedByNameNeverIgnored() {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        outage.log(b -> { });
        String lead = outage.lead().token();
        assertProblem(api.get("/api/fhir/Task?ward=Ward%207", lead), 400, "ward");
        assertProblem(api.get("/api/fhir/Task?_count=0", lead), 400, "_count");
        assertProblem(api.get("/api/fhir/Task?_count=101", lead), 400, "_count");
        assertProblem(api.get("/api/fhir/Task?_count=abc", lead), 400, "_count");
        assertProblem(api.get("/api/fhir/Task?_after=-1", lead), 400, "_after");
        assertProblem(api.get("/api/fhir/Task?status=done", lead), 400, "status");
        assertProblem(api.get("/api/fhir/Task?status=", lead), 400, "status");
        assertProblem(api.get("/api/fhir/Task?business-status=FINISHED", lead), 400, "business-status");
        assertProblem(api.get("/api/fhir/Task?group-identifier=other%7C1", lead), 400, "group-identifier");
        assertProblem(api.get("/api/fhir/Task?group-identifier=99999999999999999999", lead), 400, "group-identifier");
        assertProblem(api.get("/api/fhir/Task?target-system=emar%20x", lead), 400, "target-system");
        assertProblem(api.get("/api/fhir/Task?status=ready&status=completed", lead), 400, "status");
        assertProblem(api.get("/api/fhir/Task/abc", lead), 400, "id");
        Api.Response nobody = api.get("/api/fhir/Task", null);
        assertThat(nobody.status()).isEqualTo(401);
        assertThat(nobody.contentType()).startsWith("application/problem+json");
    }

    @Test
    void tasksAreScopedToTheCallersSitesAndReadOneByOneWithTheirProvenance() {
        StaffedOutage here = StaffedOutage.open(api, "EMAR");
        StaffedOutage there = StaffedOutage.open(api, "EMAR");
        long mine = here.log(b -> { }).get("id").asLong();
        long theirs = there.log(b -> { }).get("id").asLong();

        assertThat(tasks(bundle(api.get("/api/fhir/Task?group-identifier=" + there.id(), here.lead().token())))).isEmpty();
        assertThat(tasks(bundle(api.get("/api/fhir/Task?_count=100", here.clerk().token()))).keySet())
                .contains(mine).doesNotContain(theirs);
        assertThat(api.get("/api/fhir/Task/" + theirs, here.lead().token()).status()).isEqualTo(404);
        assertThat(api.get("/api/fhir/Provenance/" + theirs, here.lead().token()).status()).isEqualTo(404);

        Api.Response task = api.get("/api/fhir/Task/" + mine, here.clerk().token());
        assertThat(task.status()).as(task.toString()).isEqualTo(200);
        assertThat(task.contentType()).startsWith("application/fhir+json");
        assertThat(FhirValidation.errors(task.raw().body())).isEmpty();
        Task read = FhirValidation.FHIR.newJsonParser().parseResource(Task.class, task.raw().body());
        assertThat(read.getIdElement().getIdPart()).isEqualTo(String.valueOf(mine));
        assertThat(read.getRelevantHistoryFirstRep().getReference()).isEqualTo("Provenance/" + mine);
        JsonNode viewed = api.lastAuditEvent(here.clerk().username(), "ITEM_VIEWED");
        assertThat(viewed.get("itemId").asLong()).isEqualTo(mine);
        assertThat(viewed.get("changes").get("via").get("new").asText()).isEqualTo("FHIR");

        Api.Response provenance = api.get("/api/fhir/Provenance/" + mine, here.clerk().token());
        assertThat(provenance.status()).isEqualTo(200);
        assertThat(FhirValidation.errors(provenance.raw().body())).isEmpty();
        Provenance p = FhirValidation.FHIR.newJsonParser().parseResource(Provenance.class, provenance.raw().body());
        assertThat(p.getTargetFirstRep().getReference()).isEqualTo("Task/" + mine);
    }

    @Test
    void theCapabilityStatementIsValidAndOpenToAnyone() {
        Api.Response r = api.get("/api/fhir/metadata", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/fhir+json");
        assertThat(FhirValidation.errors(r.raw().body())).isEmpty();
        CapabilityStatement cs = FhirValidation.FHIR.newJsonParser().parseResource(CapabilityStatement.class, r.raw().body());
        assertThat(cs.getRestFirstRep().getResource()).extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
                .containsExactly("Task", "Provenance");
        assertThat(cs.getRestFirstRep().getResourceFirstRep().getSearchParam())
                .extracting(CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent::getName)
                .contains("group-identifier", "status", "business-status", "target-system", "patient");
    }

    /** The tests above trust the validator to find errors: it must find them in a Task that breaks the profile. */
    @Test
    void theValidatorTheseTestsRelyOnFindsErrorsInABrokenTask() {
        assertThat(FhirValidation.errors("{\"resourceType\":\"Task\",\"priority\":\"soon\"}"))
                .anyMatch(e -> e.contains("Task.status"))
                .anyMatch(e -> e.contains("Task.intent"))
                .anyMatch(e -> e.contains("soon"));
    }

    // ---- fixtures ----

    /** One item in each lifecycle state, by name (ENTERED_CHECK_DUE: entered, its second check still due). */
    private Map<String, Long> everyState(StaffedOutage outage) {
        Map<String, Long> ids = new LinkedHashMap<>();
        ids.put("LOGGED", outage.log(b -> b.put("targetSystem", "LIMS").put("category", "RESULT")).get("id").asLong());
        for (String state : List.of("READY", "ASSIGNED", "ENTERED_CHECK_DUE", "ENTERED", "VERIFIED", "ON_HOLD",
                "DUPLICATE", "NOT_REQUIRED")) {
            ids.put(state, outage.log(b -> {
                b.put("witnessedBy", "Nurse Baker").put("recordedByRole", "NURSE").put("details", "Given at bedside");
                if (state.equals("ENTERED")) {
                    b.put("category", "OBSERVATIONS");
                }
                if (state.equals("VERIFIED")) {
                    b.put("highRisk", true);
                }
            }).get("id").asLong());
        }
        outage.recover("EMAR");
        for (String state : List.of("ASSIGNED", "ENTERED_CHECK_DUE", "ENTERED", "VERIFIED")) {
            Api.Response assigned = api.post("/api/items/assign", outage.lead().token(),
                    Map.of("ids", List.of(ids.get(state)), "assignee", outage.clerk().username()));
            assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        }
        move(ids.get("ENTERED_CHECK_DUE"), outage.clerk(), Map.of("to", "ENTERED", "externalReference", "EMAR-1000"));
        move(ids.get("ENTERED"), outage.clerk(), Map.of("to", "ENTERED", "externalReference", "EMAR-1002"));
        move(ids.get("VERIFIED"), outage.clerk(), Map.of("to", "ENTERED", "externalReference", "EMAR-1001"));
        move(ids.get("VERIFIED"), outage.lead(), Map.of("to", "VERIFIED"));
        move(ids.get("ON_HOLD"), outage.lead(), Map.of("to", "ON_HOLD", "reason", "Dose unreadable"));
        move(ids.get("DUPLICATE"), outage.lead(), Map.of("to", "DUPLICATE", "duplicateOf", ids.get("READY")));
        move(ids.get("NOT_REQUIRED"), outage.lead(), Map.of("to", "NOT_REQUIRED", "reason", "Interface replayed it"));
        return ids;
    }

    private void move(long id, Api.User who, Map<String, Object> body) {
        String etag = api.get("/api/items/" + id, who.token()).header("ETag");
        Api.Response r = api.post("/api/items/" + id + "/transitions", who.token(), new HashMap<>(body), "If-Match", etag);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    /** The fields every Task and Provenance carry, checked against the item as the item API gives it. */
    private static void assertMapped(Task task, Provenance provenance, JsonNode item, StaffedOutage outage) {
        String id = item.get("id").asText();
        assertThat(task.getIdElement().getIdPart()).isEqualTo(id);
        assertThat(task.getMeta().getVersionId()).isEqualTo(item.get("version").asText());
        assertThat(identifier(task.getIdentifier(), FhirSystems.ITEM)).isEqualTo(item.get("reference").asText());
        assertThat(identifier(task.getIdentifier(), FhirSystems.SHEET)).isEqualTo(item.get("paperReference").asText());
        assertThat(task.getGroupIdentifier().getSystem()).isEqualTo(FhirSystems.OUTAGE);
        assertThat(task.getGroupIdentifier().getValue()).isEqualTo(String.valueOf(outage.id()));
        assertThat(task.getIntent()).isEqualTo(Task.TaskIntent.ORDER);
        assertThat(task.getPriority()).isEqualTo(TaskResources.priority(item.get("priority").get("band").asText()));
        assertThat(task.getCode().getCodingFirstRep().getCode()).isEqualTo(item.get("category").asText());
        assertThat(task.getDescription()).isEqualTo(item.get("summary").asText());
        assertThat(task.getFor().getType()).isEqualTo("Patient");
        assertThat(task.getFor().getIdentifier().getSystem()).isEqualTo(FhirSystems.NHS_NUMBER);
        assertThat(task.getFor().getIdentifier().getValue()).isEqualTo(item.get("patient").get("nhsNumber").asText());
        assertThat(instant(task.getAuthoredOnElement())).isEqualTo(Instant.parse(item.get("loggedAt").asText()));
        assertThat(instant(task.getLastModifiedElement())).isEqualTo(Instant.parse(item.get("updatedAt").asText()));
        if (item.hasNonNull("assignedAt")) {
            assertThat(instant(task.getExecutionPeriod().getStartElement()))
                    .isEqualTo(Instant.parse(item.get("assignedAt").asText()));
            assertThat(task.getOwner().getIdentifier().getValue()).isEqualTo(item.get("assignedTo").asText());
        }
        if (item.hasNonNull("closedAt")) {
            assertThat(instant(task.getExecutionPeriod().getEndElement()))
                    .isEqualTo(Instant.parse(item.get("closedAt").asText()));
        } else {
            assertThat(task.getExecutionPeriod().hasEnd()).isFalse();
        }
        Map<String, String> inputs = task.getInput().stream().collect(Collectors.toMap(
                in -> in.getType().getCodingFirstRep().getCode(), in -> in.getValue().primitiveValue()));
        assertThat(inputs).containsEntry("target-system", item.get("targetSystem").asText())
                .containsEntry("site", item.get("site").asText())
                .containsEntry("ward", item.get("ward").asText())
                .containsEntry("high-risk", item.get("highRisk").asText())
                .containsEntry("needs-verification", item.get("needsVerification").asText())
                .containsEntry("patient-status", item.get("patientStatus").asText());
        assertThat(Instant.parse(task.getInput().stream().filter(in -> in.getType().getCodingFirstRep().getCode()
                .equals("occurred-at")).findFirst().orElseThrow().getValue().primitiveValue()))
                .isEqualTo(Instant.parse(item.get("occurredAt").asText()));
        assertThat(task.getRelevantHistoryFirstRep().getReference()).isEqualTo("Provenance/" + id);

        assertThat(provenance.getTargetFirstRep().getReference()).isEqualTo("Task/" + id);
        assertThat(instant(provenance.getOccurredDateTimeType())).isEqualTo(Instant.parse(item.get("occurredAt").asText()));
        assertThat(Instant.parse(provenance.getRecordedElement().getValueAsString())).isEqualTo(Instant.parse(item.get("loggedAt").asText()));
        assertThat(agent(provenance, "performer").getDisplay()).isEqualTo(item.get("recordedBy").asText());
        assertThat(agent(provenance, "enterer").getIdentifier().getValue()).isEqualTo(item.get("loggedBy").asText());
        assertThat(provenance.getEntityFirstRep().getWhat().getIdentifier().getValue())
                .isEqualTo(item.get("paperReference").asText());
        if (item.hasNonNull("witnessedBy")) {
            assertThat(agent(provenance, "WIT").getDisplay()).isEqualTo(item.get("witnessedBy").asText());
        }
        if (item.hasNonNull("enteredBy")) {
            assertThat(agent(provenance, "author").getIdentifier().getValue()).isEqualTo(item.get("enteredBy").asText());
        }
    }

    private static org.hl7.fhir.r4.model.Reference agent(Provenance provenance, String type) {
        return provenance.getAgent().stream()
                .filter(a -> a.getType().getCodingFirstRep().getCode().equals(type))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " agent"))
                .getWho();
    }

    private static String identifier(List<Identifier> identifiers, String system) {
        return identifiers.stream().filter(i -> system.equals(i.getSystem())).findFirst()
                .orElseThrow(() -> new AssertionError("no identifier of " + system)).getValue();
    }

    private static Instant instant(DateTimeType time) {
        return Instant.parse(time.getValueAsString().replace("+00:00", "Z"));
    }

    private static Bundle bundle(Api.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return FhirValidation.FHIR.newJsonParser().parseResource(Bundle.class, r.raw().body());
    }

    private static Map<Long, Task> tasks(Bundle bundle) {
        return resources(bundle, Task.class);
    }

    private static Map<Long, Provenance> provenances(Bundle bundle) {
        return resources(bundle, Provenance.class);
    }

    private static <T extends Resource> Map<Long, T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast)
                .collect(Collectors.toMap(res -> Long.valueOf(res.getIdElement().getIdPart()), Function.identity(),
                        (a, b) -> a, LinkedHashMap::new));
    }

    private void assertProblem(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.body().toString()).as(r.toString()).contains("\"" + field + "\"");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

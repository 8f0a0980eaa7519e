package org.downtimebacklog.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.Imports;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spreadsheets brought into an outage: every row checked as POST /api/items checks an item, bad rows refused with
 * their row, column and reason and nothing of them stored, and no row stored twice however often it is imported.
 */
@MicronautTest(transactional = false)
class ItemImportTest extends ApiTest {

    private static final ZoneId HOSPITAL = ZoneId.of("Europe/London");
    private static final DateTimeFormatter UK = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final String HEADER = "NHS No,Ward,Time given,Given by,Medication,High risk,Status,Category,Site,System,DOB";

    @Test
    void goodRowsAreStoredAndEveryKindOfBadRowIsRefusedByRowAndColumn() throws Exception {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR", "LIMS");
        String s = outage.site();
        LocalDateTime twoHoursAgo = LocalDateTime.now(HOSPITAL).minusHours(2).withSecond(0).withNano(0);
        String t = UK.format(twoHoursAgo);
        String iso = Instant.now().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String csv = String.join("\r\n",
                HEADER,
                "943 476 5919,Ward 7," + t + ",Nurse A,Paracetamol 1 g,no,inpatient,medication administration," + s + ",EMAR,02/03/1950",
                "485 777 3457,Ward 7," + t + ",Nurse B,Ibuprofen 400 mg,yes,ED,MEDICATION_ADMINISTRATION," + s + ",EMAR,",
                "943-476-5919,Ward 8," + iso + ",Nurse C,\"Morphine 5 mg, oral\",No,INPATIENT,Medication administration," + s + ",EMAR,",
                "485 777 3456,Ward 7," + t + ",Nurse D,Check digit wrong,no,INPATIENT,ORDER," + s + ",EMAR,",
                "12345,Ward 7," + t + ",Nurse D,Too short,no,INPATIENT,ORDER," + s + ",EMAR,",
                "943 476 5919,Ward 7," + t + ",Nurse E,,no,INPATIENT,ORDER," + s + ",EMAR,",
                "943 476 5919,Ward 7,yesterday at noon,Nurse F,Bad time,no,INPATIENT,ORDER," + s + ",EMAR,",
                "943 476 5919,Ward 7," + UK.format(LocalDateTime.now(HOSPITAL).plusHours(3)) + ",Nurse G,Future,no,INPATIENT,ORDER," + s + ",EMAR,",
                "943 476 5919,Ward 7," + UK.format(LocalDateTime.now(HOSPITAL).minusDays(3)) + ",Nurse G,Long before,no,INPATIENT,ORDER," + s + ",EMAR,",
                "943 476 5919,Ward 7," + t + ",Nurse H,Risk unclear,maybe,INPATIENT,ORDER," + s + ",EMAR,",
                "943 476 5919,Ward 7," + t + ",Nurse I,Unknown category,no,INPATIENT,SURGERY," + s + ",EMAR,",
                "943 476 5919," + "W".repeat(65) + "," + t + ",Nurse J,Long ward,no,INPATIENT,ORDER," + s + ",EMAR,",
                "943 476 5919,Ward 7," + t + ",Nurse K,Other site,no,INPATIENT,ORDER,ELSEWHERE,EMAR,",
                "943 476 5919,Ward 7," + t + ",Nurse L,System not down,no,INPATIENT,ORDER," + s + ",RIS,",
                ",Ward 7," + t + ",Nurse M,No patient,no,INPATIENT,ORDER," + s + ",EMAR,",
                "943 476 5919,Ward 7," + t + ",Nurse N,Born too early,no,INPATIENT,ORDER," + s + ",EMAR,01/01/1850",
                "943 476 5919,Ward 7," + t + ",Nurse O,No such day,no,INPATIENT,ORDER," + s + ",EMAR,31/02/1990",
                "943 476 5919,Ward 7," + t + ",,=SUM(A1:A9),no,INPATIENT,ORDER," + s + ",EMAR,",
                "") ;
        Map<Integer, String> refusedColumn = new LinkedHashMap<>();
        refusedColumn.put(5, "NHS No");
        refusedColumn.put(6, "NHS No");
        refusedColumn.put(7, "Medication");
        refusedColumn.put(8, "Time given");
        refusedColumn.put(9, "Time given");
        refusedColumn.put(10, "Time given");
        refusedColumn.put(11, "High risk");
        refusedColumn.put(12, "Category");
        refusedColumn.put(13, "Ward");
        refusedColumn.put(14, "Site");
        refusedColumn.put(15, "System");
        refusedColumn.put(16, "NHS No");
        refusedColumn.put(17, "DOB");
        refusedColumn.put(18, "DOB");
        refusedColumn.put(19, "Given by");

        JsonNode uploaded = Imports.upload(api, outage.lead().token(), outage.id(), "pharmacy.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        long id = uploaded.get("id").asLong();
        assertThat(uploaded.get("status").asText()).isEqualTo("UPLOADED");
        assertThat(uploaded.get("charset").asText()).isEqualTo("UTF-8");
        assertThat(uploaded.get("delimiter").asText()).isEqualTo(",");
        assertThat(uploaded.get("totalRows").asInt()).isEqualTo(18);
        JsonNode suggested = uploaded.get("suggestedMapping").get("columns");
        assertThat(suggested.get("NHS No").asText()).isEqualTo("patient.nhsNumber");
        assertThat(suggested.get("Time given").asText()).isEqualTo("occurredAt");
        assertThat(suggested.get("Given by").asText()).isEqualTo("recordedBy");
        assertThat(suggested.get("Medication").asText()).isEqualTo("summary");
        assertThat(suggested.get("DOB").asText()).isEqualTo("patient.dateOfBirth");
        assertThat(suggested.get("System").asText()).isEqualTo("targetSystem");
        assertThat(suggested.get("High risk").asText()).isEqualTo("highRisk");
        assertThat(suggested.get("Status").asText()).isEqualTo("patientStatus");
        Map<String, Object> mapping = Map.of("columns", suggested, "values", Map.of(), "keyColumn", "");
        mapping = new HashMap<>(mapping);
        mapping.remove("keyColumn");

        Api.Response preview = api.post("/api/imports/" + id + "/preview", outage.lead().token(),
                Map.of("mapping", mapping, "rows", 50));
        assertThat(preview.status()).as(preview.toString()).isEqualTo(200);
        Map<Integer, JsonNode> previewed = new HashMap<>();
        preview.body().get("rows").forEach(row -> previewed.put(row.get("row").asInt(), row));
        assertThat(previewed).hasSize(18);
        for (int row = 2; row <= 4; row++) {
            assertThat(previewed.get(row).get("verdict").asText()).as("row " + row).isEqualTo("STORE");
        }
        refusedColumn.forEach((row, column) -> {
            JsonNode r = previewed.get(row);
            assertThat(r.get("verdict").asText()).as("row " + row + ": " + r).isEqualTo("REFUSED");
            assertThat(r.get("problems").get(0).get("column").asText()).as("row " + row + ": " + r).isEqualTo(column);
        });
        assertThat(previewed.get(5).get("problems").get(0).get("message").asText()).contains("check digit");
        assertThat(previewed.get(2).get("values").get("patient.nhsNumber").asText()).isEqualTo("943 476 5919");
        assertThat(api.get("/api/items?outageId=" + outage.id(), outage.lead().token()).body().get("items"))
                .as("a preview stores nothing").isEmpty();

        Imports.start(api, outage.lead().token(), id, mapping);
        JsonNode done = Imports.awaitEnd(api, outage.lead().token(), id, Duration.ofSeconds(60));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.get("rowsDone").asInt()).isEqualTo(18);
        assertThat(done.get("rowsStored").asInt()).isEqualTo(3);
        assertThat(done.get("rowsAlreadyImported").asInt()).isZero();
        assertThat(done.get("rowsRefused").asInt()).isEqualTo(15);
        assertThat(done.get("startedBy").asText()).isEqualTo(outage.lead().username());

        JsonNode stored = api.get("/api/items?outageId=" + outage.id() + "&sort=id", outage.lead().token()).body().get("items");
        assertThat(stored).hasSize(3);
        JsonNode morphine = full(outage, stored, "Morphine 5 mg, oral");
        assertThat(morphine.get("summary").asText()).isEqualTo("Morphine 5 mg, oral");
        assertThat(morphine.get("ward").asText()).isEqualTo("Ward 8");
        assertThat(Instant.parse(morphine.get("occurredAt").asText())).isEqualTo(Instant.parse(iso));
        assertThat(morphine.get("patient").get("nhsNumber").asText()).isEqualTo("9434765919");
        assertThat(morphine.get("loggedBy").asText()).isEqualTo(outage.lead().username());
        JsonNode created = api.get("/api/items/" + morphine.get("id").asLong() + "/history", outage.lead().token()).body().get(0);
        assertThat(created.get("action").asText()).isEqualTo("ITEM_CREATED");
        assertThat(created.get("actor").asText()).isEqualTo(outage.lead().username());
        assertThat(created.get("changes").get("importId").get("new").asLong()).as("where it came from").isEqualTo(id);
        assertThat(created.get("changes").get("importRow").get("new").asInt()).isEqualTo(4);
        JsonNode paracetamol = full(outage, stored, "Paracetamol 1 g");
        assertThat(Instant.parse(paracetamol.get("occurredAt").asText()))
                .as("a local time is the hospital's").isEqualTo(twoHoursAgo.atZone(HOSPITAL).toInstant());
        assertThat(paracetamol.get("patient").get("dateOfBirth").asText()).isEqualTo("1950-03-02");
        assertThat(paracetamol.get("category").asText()).isEqualTo("MEDICATION_ADMINISTRATION");

        Api.Response refused = api.get("/api/imports/" + id + "/refused.csv", outage.lead().token());
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.contentType()).startsWith("text/csv");
        assertThat(refused.raw().body()).startsWith("\uFEFF" + HEADER + ",row,column,reason");
        List<CSVRecord> rows = parse(refused.raw().body());
        assertThat(rows).extracting(r -> Integer.parseInt(r.get("row"))).containsExactlyElementsOf(refusedColumn.keySet());
        rows.forEach(r -> assertThat(r.get("column")).as(r.toString()).isEqualTo(refusedColumn.get(Integer.parseInt(r.get("row")))));
        assertThat(rows.get(0).get("Medication")).isEqualTo("Check digit wrong");
        assertThat(rows.get(0).get("reason")).contains("check digit");
        assertThat(rows.get(rows.size() - 1).get("Medication")).as("a formula is kept as text").isEqualTo("'=SUM(A1:A9)");

        for (String action : List.of("IMPORT_UPLOADED", "IMPORT_PREVIEWED", "IMPORT_STARTED", "IMPORT_FINISHED",
                "IMPORT_REFUSALS_DOWNLOADED")) {
            api.lastAuditEvent(outage.lead().username(), action);
        }
        JsonNode finished = api.lastAuditEvent(outage.lead().username(), "IMPORT_FINISHED");
        assertThat(finished.get("changes").get("stored").get("new").asInt()).isEqualTo(3);
    }

    @Test
    void aSemicolonFileInWindows1252IsReadAsItWasWritten() throws Exception {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        String t = UK.format(LocalDateTime.now(HOSPITAL).minusHours(1));
        String csv = String.join("\r\n", "Hospital number;Ward;When;By;Entry;Details",
                "RGH-0042;Salle Médecine;" + t + ";Infirmière Zoë;Paracétamol 1 g;\"Dose 1 g; oral\"",
                "RGH-0043;Salle Médecine;" + t + ";Infirmière Zoë;Café au lait – 200 ml;£0",
                "");
        byte[] bytes = csv.getBytes(Charset.forName("windows-1252"));
        JsonNode uploaded = Imports.upload(api, outage.lead().token(), outage.id(), "ward.csv", bytes);
        assertThat(uploaded.get("charset").asText()).isEqualTo("windows-1252");
        assertThat(uploaded.get("delimiter").asText()).isEqualTo(";");
        assertThat(uploaded.get("headers")).extracting(JsonNode::asText)
                .containsExactly("Hospital number", "Ward", "When", "By", "Entry", "Details");
        Map<String, Object> mapping = Map.of(
                "columns", Map.of("Hospital number", "patient.localId", "Ward", "ward", "When", "occurredAt",
                        "By", "recordedBy", "Entry", "summary", "Details", "details"),
                "values", Map.of("site", outage.site(), "targetSystem", "EMAR", "category", "OBSERVATIONS",
                        "highRisk", "no", "patientStatus", "INPATIENT"));
        Imports.start(api, outage.lead().token(), uploaded.get("id").asLong(), mapping);
        JsonNode done = Imports.awaitEnd(api, outage.lead().token(), uploaded.get("id").asLong(), Duration.ofSeconds(60));
        assertThat(done.get("rowsStored").asInt()).as(done.toString()).isEqualTo(2);

        JsonNode items = api.get("/api/items?outageId=" + outage.id() + "&sort=id", outage.lead().token()).body().get("items");
        JsonNode first = full(outage, items, "Paracétamol 1 g");
        assertThat(first.get("ward").asText()).isEqualTo("Salle Médecine");
        assertThat(first.get("recordedBy").asText()).isEqualTo("Infirmière Zoë");
        assertThat(first.get("details").asText()).isEqualTo("Dose 1 g; oral");
        assertThat(first.get("patient").get("localId").asText()).isEqualTo("RGH-0042");
        JsonNode second = full(outage, items, "Café au lait – 200 ml");
        assertThat(second.get("summary").asText()).isEqualTo("Café au lait – 200 ml");
        assertThat(second.get("details").asText()).isEqualTo("£0");
    }

    @Test
    void aUtf8FileWithAByteOrderMarkAndTabsOrSemicolonsIsReadAsWritten() throws Exception {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        String t = UK.format(LocalDateTime.now(HOSPITAL).minusHours(1));
        Map<String, Object> mapping = Map.of("columns", Map.of("MRN", "patient.localId", "Ward", "ward", "When", "occurredAt",
                        "By", "recordedBy", "What", "summary"),
                "values", Map.of("site", outage.site(), "targetSystem", "EMAR", "category", "OBSERVATIONS",
                        "highRisk", "no", "patientStatus", "INPATIENT"));
        for (String delimiter : List.of("\t", ";")) {
            String csv = "\uFEFF" + String.join(delimiter, "MRN", "Ward", "When", "By", "What") + "\n"
                    + String.join(delimiter, "M-" + delimiter.hashCode(), "Ward Glyndŵr", t, "Nyrs Siân", "Pwysedd gwaed, 120/80") + "\n";
            JsonNode uploaded = Imports.upload(api, outage.lead().token(), outage.id(), "obs.csv", csv.getBytes(StandardCharsets.UTF_8));
            assertThat(uploaded.get("charset").asText()).isEqualTo("UTF-8");
            assertThat(uploaded.get("delimiter").asText()).isEqualTo(delimiter);
            assertThat(uploaded.get("headers").get(0).asText()).as("the byte-order mark is not part of the first header").isEqualTo("MRN");
            Imports.start(api, outage.lead().token(), uploaded.get("id").asLong(), mapping);
            assertThat(Imports.awaitEnd(api, outage.lead().token(), uploaded.get("id").asLong(), Duration.ofSeconds(60))
                    .get("rowsStored").asInt()).isEqualTo(1);
        }
        JsonNode items = api.get("/api/items?outageId=" + outage.id(), outage.lead().token()).body().get("items");
        assertThat(items).hasSize(2).allSatisfy(i -> {
            assertThat(i.get("ward").asText()).isEqualTo("Ward Glyndŵr");
            assertThat(i.get("summary").asText()).isEqualTo("Pwysedd gwaed, 120/80");
        });
    }

    @Test
    void theSameFileAgainStoresNothingNewAndAnOverlappingFileOnlyItsNewRows() throws Exception {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        String t = UK.format(LocalDateTime.now(HOSPITAL).minusHours(1));
        String a = String.join("\n", "NHS number,Ward,Time,Given by,Summary",
                "943 476 5919,Ward 1," + t + ",Nurse A,Dose one",
                "943 476 5919,Ward 1," + t + ",Nurse A,Dose two",
                "485 777 3457,Ward 2," + t + ",Nurse B,Dose three", "");
        Map<String, Object> fixed = Map.of("site", outage.site(), "targetSystem", "EMAR",
                "category", "MEDICATION_ADMINISTRATION", "highRisk", "no", "patientStatus", "INPATIENT");
        Map<String, Object> mapping = Map.of("columns", Map.of("NHS number", "patient.nhsNumber", "Ward", "ward",
                "Time", "occurredAt", "Given by", "recordedBy", "Summary", "summary"), "values", fixed);

        JsonNode first = importFile(outage, a, mapping);
        assertThat(first.get("rowsStored").asInt()).isEqualTo(3);

        JsonNode again = Imports.upload(api, outage.lead().token(), outage.id(), "a-again.csv", a.getBytes(StandardCharsets.UTF_8));
        assertThat(again.get("sameFileImportedBefore")).extracting(JsonNode::asLong).containsExactly(first.get("id").asLong());
        JsonNode preview = api.post("/api/imports/" + again.get("id").asLong() + "/preview", outage.lead().token(),
                Map.of("mapping", mapping)).body();
        assertThat(preview.get("rows")).extracting(r -> r.get("verdict").asText())
                .containsExactly("ALREADY_IMPORTED", "ALREADY_IMPORTED", "ALREADY_IMPORTED");
        Imports.start(api, outage.lead().token(), again.get("id").asLong(), mapping);
        JsonNode second = Imports.awaitEnd(api, outage.lead().token(), again.get("id").asLong(), Duration.ofSeconds(60));
        assertThat(second.get("rowsStored").asInt()).isZero();
        assertThat(second.get("rowsAlreadyImported").asInt()).isEqualTo(3);

        // another export of the same sheet: columns in another order, one more column, two old rows and two new ones
        String b = String.join("\n", "Summary,Given by,Extra,NHS number,Time,Ward",
                "Dose three,Nurse B,x,485 777 3457," + t + ",Ward 2",
                "Dose four,Nurse B,y,485 777 3457," + t + ",Ward 2",
                "Dose one,Nurse A,z,943 476 5919," + t + ",Ward 1",
                "Dose five,Nurse A,w,943 476 5919," + t + ",Ward 1",
                "Dose five,Nurse A,w,943 476 5919," + t + ",Ward 1", "");
        JsonNode third = importFile(outage, b, mapping);
        assertThat(third.get("rowsStored").asInt()).isEqualTo(2);
        assertThat(third.get("rowsAlreadyImported").asInt()).isEqualTo(2);
        assertThat(third.get("rowsRefused").asInt()).as("the repeated row").isEqualTo(1);
        List<CSVRecord> refused = parse(api.get("/api/imports/" + third.get("id").asLong() + "/refused.csv",
                outage.lead().token()).raw().body());
        assertThat(refused).singleElement().satisfies(r -> {
            assertThat(r.get("row")).isEqualTo("6");
            assertThat(r.get("reason")).contains("repeats row 5");
        });

        JsonNode items = api.get("/api/items?outageId=" + outage.id() + "&size=50", outage.lead().token()).body().get("items");
        assertThat(StreamSupport.stream(items.spliterator(), false).map(i -> i.get("summary").asText()))
                .containsExactlyInAnyOrder("Dose one", "Dose two", "Dose three", "Dose four", "Dose five");
    }

    @Test
    void aKeyColumnIdentifiesRowsAndAChangedRowUnderAnOldKeyIsRefused() throws Exception {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        String t = UK.format(LocalDateTime.now(HOSPITAL).minusHours(1));
        Map<String, Object> mapping = Map.of("columns", Map.of("Entry", "paperReference", "NHS", "patient.nhsNumber",
                        "Ward", "ward", "Time", "occurredAt", "By", "recordedBy", "What", "summary"),
                "values", Map.of("site", outage.site(), "targetSystem", "EMAR", "category", "ORDER", "highRisk", "no",
                        "patientStatus", "ED"),
                "keyColumn", "Entry");
        JsonNode first = importFile(outage, String.join("\n", "Entry,NHS,Ward,Time,By,What",
                "E1,943 476 5919,ED," + t + ",Dr A,Chest X-ray",
                "E2,943 476 5919,ED," + t + ",Dr A,FBC", ""), mapping);
        assertThat(first.get("rowsStored").asInt()).isEqualTo(2);

        JsonNode second = importFile(outage, String.join("\n", "Entry,NHS,Ward,Time,By,What",
                "E1,943 476 5919,ED," + t + ",Dr A,Chest X-ray",
                "E2,943 476 5919,ED," + t + ",Dr A,FBC and U&E",
                "E3,943 476 5919,ED," + t + ",Dr A,CRP",
                ",943 476 5919,ED," + t + ",Dr A,No key", ""), mapping);
        assertThat(second.get("rowsStored").asInt()).isEqualTo(1);
        assertThat(second.get("rowsAlreadyImported").asInt()).isEqualTo(1);
        assertThat(second.get("rowsRefused").asInt()).isEqualTo(2);
        List<CSVRecord> refused = parse(api.get("/api/imports/" + second.get("id").asLong() + "/refused.csv",
                outage.lead().token()).raw().body());
        assertThat(refused).extracting(r -> r.get("row") + " " + r.get("column"))
                .containsExactly("3 Entry", "5 Entry");
        assertThat(refused.get(0).get("reason")).contains("imported before with other content");
        assertThat(refused.get(1).get("reason")).contains("is empty");
    }

    @Test
    void importsAreForLeadsOfTheOutagesSitesOnly() throws Exception {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        StaffedOutage other = StaffedOutage.open(api, "EMAR");
        byte[] file = "NHS,Ward\n943 476 5919,Ward 1\n".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> create = Map.of("outageId", outage.id(), "fileName", "a.csv", "size", file.length);

        Api.Response byClerk = api.post("/api/imports", outage.clerk().token(), create);
        assertThat(byClerk.status()).isEqualTo(403);
        Api.Response elsewhere = api.post("/api/imports", other.lead().token(), create);
        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.contentType()).startsWith("application/problem+json");

        long id = Imports.upload(api, outage.lead().token(), outage.id(), "a.csv", file).get("id").asLong();
        for (Api.Response r : List.of(
                api.get("/api/imports/" + id, other.lead().token()),
                api.get("/api/imports?outageId=" + outage.id(), other.lead().token()),
                api.sendBytes("PUT", "/api/imports/" + id + "/parts/0", other.lead().token(), file),
                api.post("/api/imports/" + id + "/preview", other.lead().token(), Map.of("mapping", Map.of("columns", Map.of()))),
                api.get("/api/imports/" + id + "/refused.csv", other.lead().token()),
                api.send("DELETE", "/api/imports/" + id, other.lead().token(), null))) {
            assertThat(r.status()).as(r.toString()).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/imports/" + id, outage.clerk().token()).status()).isEqualTo(403);
        assertThat(api.get("/api/imports/" + id, null).status()).isEqualTo(401);

        // a row naming another site (even one the lead does not know of) is refused, never stored there
        String t = UK.format(LocalDateTime.now(HOSPITAL).minusHours(1));
        JsonNode done = importFile(outage, "NHS,Ward,Site,Time,By,What\n943 476 5919,Ward 1," + other.site() + "," + t
                + ",Nurse,Dose\n", Map.of("columns", Map.of("NHS", "patient.nhsNumber", "Ward", "ward", "Site", "site",
                "Time", "occurredAt", "By", "recordedBy", "What", "summary"), "values", Map.of("targetSystem", "EMAR",
                "category", "ORDER", "highRisk", "no", "patientStatus", "ED")));
        assertThat(done.get("rowsRefused").asInt()).isEqualTo(1);
        assertThat(api.get("/api/items?outageId=" + other.id(), other.lead().token()).body().get("items")).isEmpty();
    }

    @Test
    void badUploadsAndMappingsAreRefusedNamingWhatIsWrong() throws Exception {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        String token = outage.lead().token();
        byte[] file = "NHS,Ward\n943 476 5919,Ward 1\n".getBytes(StandardCharsets.UTF_8);

        assertProblem(api.post("/api/imports", token, Map.of("outageId", outage.id(), "fileName", "a.csv",
                "size", 60L * 1024 * 1024)), 400, "size");
        assertProblem(api.post("/api/imports", token, Map.of("outageId", outage.id(), "fileName", "",
                "size", 10)), 400, "fileName");
        assertProblem(api.post("/api/imports", token, "{\"outageId\": \"one\", "), 400, null);
        assertThat(api.post("/api/imports", token, Map.of("outageId", 987654321L, "fileName", "a.csv", "size", 10))
                .status()).isEqualTo(404);

        long id = api.post("/api/imports", token, Map.of("outageId", outage.id(), "fileName", "a.csv",
                "size", file.length)).body().get("id").asLong();
        assertProblem(api.sendBytes("PUT", "/api/imports/" + id + "/parts/1", token, file), 422, "part");
        assertProblem(api.sendBytes("PUT", "/api/imports/" + id + "/parts/0", token, "short".getBytes()), 422, "body");
        Api.Response early = api.post("/api/imports/" + id + "/complete", token, null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body().get("missingParts")).extracting(JsonNode::asInt).containsExactly(0);
        assertThat(api.sendBytes("PUT", "/api/imports/" + id + "/parts/0", token, file).status()).isEqualTo(204);
        assertThat(api.sendBytes("PUT", "/api/imports/" + id + "/parts/0", token, file).status())
                .as("a part sent again").isEqualTo(204);
        assertThat(api.post("/api/imports/" + id + "/complete", token, null).status()).isEqualTo(200);
        assertThat(api.post("/api/imports/" + id + "/complete", token, null).status()).as("completed again").isEqualTo(200);

        assertProblem(Imports.tryUpload(api, token, outage.id(), "book.xlsx", new byte[]{0x50, 0x4b, 0x03, 0x04, 0, 0, 1}),
                422, "file");
        assertProblem(Imports.tryUpload(api, token, outage.id(), "twice.csv", "A,B,A\n1,2,3\n".getBytes()), 422, "headers");
        assertProblem(Imports.tryUpload(api, token, outage.id(), "nameless.csv", "A,,C\n1,2,3\n".getBytes()), 422, "headers");
        assertProblem(Imports.tryUpload(api, token, outage.id(), "header-only.csv", "A,B\n".getBytes()), 422, "file");
        assertProblem(Imports.tryUpload(api, token, outage.id(), "open-quote.csv", "A,B\n\"1,2\n3,4\n".getBytes()), 422, "file");

        Map<String, Object> incomplete = Map.of("columns", Map.of("NHS", "patient.nhsNumber", "Ward", "shoe size"));
        Api.Response refused = api.post("/api/imports/" + id + "/start", token, Map.of("mapping", incomplete));
        assertThat(refused.status()).isEqualTo(422);
        List<String> fields = StreamSupport.stream(refused.body().get("violations").spliterator(), false)
                .map(v -> v.get("field").asText()).toList();
        assertThat(fields).contains("mapping.columns.Ward", "mapping.summary", "mapping.occurredAt", "mapping.site");
        assertProblem(api.post("/api/imports/" + id + "/start", token, Map.of("mapping", Map.of(
                "columns", Map.of("Nope", "ward")))), 422, "mapping.columns.Nope");
        Map<String, Object> badValue = Map.of("columns", Map.of("NHS", "patient.nhsNumber", "Ward", "ward"),
                "values", Map.of("site", outage.site(), "targetSystem", "EMAR", "category", "SURGERY", "highRisk", "no",
                        "patientStatus", "ED", "occurredAt", "2026-12-06 10:00", "recordedBy", "A", "summary", "B"));
        assertProblem(api.post("/api/imports/" + id + "/start", token, Map.of("mapping", badValue)), 422,
                "mapping.values.category");
        assertProblem(api.post("/api/imports/" + id + "/start", token, "{\"mapping\": {\"columns\": []}}"), 400, null);
        assertThat(api.get("/api/imports/" + id, token).body().get("status").asText()).isEqualTo("UPLOADED");

        assertThat(api.send("DELETE", "/api/imports/" + id, token, null).status()).isEqualTo(204);
        JsonNode discarded = api.get("/api/imports/" + id, token).body();
        assertThat(discarded.get("status").asText()).isEqualTo("DISCARDED");
        assertThat(api.post("/api/imports/" + id + "/start", token, Map.of("mapping", incomplete)).status()).isEqualTo(409);
    }

    @Test
    void aStartSentTwiceStartsOnceAndAMappingCanBeSavedAndIsSuggestedForTheNextFile() throws Exception {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        String t = UK.format(LocalDateTime.now(HOSPITAL).minusHours(1));
        String header = "Patient MRN,Bay,Charted,Nurse initials,Obs " + Api.unique("x");
        String file = header + "\nM1,Bay 1," + t + ",AB,BP 120/80\n";
        Map<String, Object> mapping = Map.of("columns", Map.of("Patient MRN", "patient.localId", "Bay", "ward",
                        "Charted", "occurredAt", "Nurse initials", "recordedBy", header.substring(header.lastIndexOf(',') + 1), "summary"),
                "values", Map.of("site", outage.site(), "targetSystem", "EMAR", "category", "OBSERVATIONS",
                        "highRisk", "no", "patientStatus", "INPATIENT"));
        long id = Imports.upload(api, outage.lead().token(), outage.id(), "obs.csv", file.getBytes()).get("id").asLong();
        String name = Api.unique("Obs chart");
        Map<String, Object> start = Map.of("mapping", mapping, "saveAs", name);
        assertThat(api.post("/api/imports/" + id + "/start", outage.lead().token(), start).status()).isEqualTo(202);
        assertThat(api.post("/api/imports/" + id + "/start", outage.lead().token(), start).status())
                .as("the same start again").isEqualTo(202);
        assertThat(Imports.awaitEnd(api, outage.lead().token(), id, Duration.ofSeconds(60)).get("rowsStored").asInt()).isEqualTo(1);
        assertThat(api.get("/api/items?outageId=" + outage.id(), outage.lead().token()).body().get("items")).hasSize(1);

        JsonNode next = Imports.upload(api, outage.lead().token(), outage.id(), "obs-2.csv",
                (header + "\nM2,Bay 2," + t + ",CD,BP 110/70\n").getBytes());
        assertThat(next.get("suggestedMappingName").asText()).isEqualTo(name);
        assertThat(next.get("suggestedMapping").get("values").get("category").asText()).isEqualTo("OBSERVATIONS");
        JsonNode saved = api.get("/api/import-mappings", outage.lead().token()).body();
        assertThat(StreamSupport.stream(saved.spliterator(), false).map(m -> m.get("name").asText())).contains(name);
    }

    /** The item of this list with this summary, in full (rows are stored a few at a time, not in file order). */
    private JsonNode full(StaffedOutage outage, JsonNode list, String summary) {
        for (JsonNode item : list) {
            if (item.get("summary").asText().equals(summary)) {
                return api.get("/api/items/" + item.get("id").asLong(), outage.lead().token()).body();
            }
        }
        throw new AssertionError("no item " + summary + " in " + list);
    }

    private JsonNode importFile(StaffedOutage outage, String csv, Map<String, Object> mapping) throws InterruptedException {
        long id = Imports.upload(api, outage.lead().token(), outage.id(), "file.csv", csv.getBytes(StandardCharsets.UTF_8))
                .get("id").asLong();
        Imports.start(api, outage.lead().token(), id, mapping);
        JsonNode done = Imports.awaitEnd(api, outage.lead().token(), id, Duration.ofSeconds(60));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
        return done;
    }

    private static void assertProblem(Api.Response r, int status, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(r.body().get("violations")).as(r.toString())
                    .anySatisfy(v -> assertThat(v.get("field").asText()).isEqualTo(field));
        }
    }

    private static List<CSVRecord> parse(String text) throws IOException {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(body))) {
            return parser.getRecords();
        }
    }
}

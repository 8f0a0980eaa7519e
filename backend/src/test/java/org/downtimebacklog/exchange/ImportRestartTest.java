package org.downtimebacklog.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.Imports;
import org.downtimebacklog.support.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large file imported while the service is restarted under it, once cleanly (SIGTERM) and once killed (SIGKILL):
 * the import resumes each time from its last batch, and every good row ends up stored exactly once, every bad row
 * refused once. 100,000 rows unless {@code -Dimport.rows} says otherwise.
 */
class ImportRestartTest {

    private static final int ROWS = Integer.getInteger("import.rows", 100_000);
    private static final int BAD_EVERY = 500;

    @TempDir
    Path dataDir;
    private ServiceProcess service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.stop();
        }
    }

    @Test
    void everyGoodRowIsStoredExactlyOnceAcrossARestartAndAKill() throws Exception {
        // a node that dies keeps its lease this long; the next start takes the import over after it
        service = new ServiceProcess(dataDir, Map.of("BACKLOG_IMPORT_LEASE", "5s", "BACKLOG_IMPORT_POLL_INTERVAL", "500ms"));
        service.start();
        Api api = new Api(service.url());
        String site = Api.site();
        Api.User lead = api.createUser("TEAM_LEAD", site);
        long outageId = api.createOutage(lead.token(), new String[]{site}, "EMAR").get("id").asLong();

        DateTimeFormatter uk = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
        LocalDateTime now = LocalDateTime.now(ZoneId.of("Europe/London"));
        StringBuilder csv = new StringBuilder("NHS number,Ward,Time,Given by,What\n");
        int bad = 0;
        for (int n = 1; n <= ROWS; n++) {
            boolean refused = n % BAD_EVERY == 0;
            bad += refused ? 1 : 0;
            // as on a ward's sheets: many patients, each with a few entries through the outage
            String nhs = refused ? "485 777 3456" : nhsNumber(n / 4);
            String time = uk.format(now.minusMinutes(1 + n % 300));
            csv.append(nhs).append(",Ward ").append(n % 30).append(',').append(time).append(",Nurse ")
                    .append(n % 97).append(",Dose ").append(n).append('\n');
        }
        int good = ROWS - bad;
        long id = Imports.upload(api, lead.token(), outageId, "big.csv", csv.toString().getBytes(StandardCharsets.UTF_8))
                .get("id").asLong();
        Imports.start(api, lead.token(), id, Map.of(
                "columns", Map.of("NHS number", "patient.nhsNumber", "Ward", "ward", "Time", "occurredAt",
                        "Given by", "recordedBy", "What", "summary"),
                "values", Map.of("site", site, "targetSystem", "EMAR", "category", "MEDICATION_ADMINISTRATION",
                        "highRisk", "no", "patientStatus", "INPATIENT")));

        Instant began = Instant.now();
        awaitRowsDone(api, lead, id, ROWS / 4);
        service.shutDown();
        service.start();
        api = new Api(service.url());
        lead = relogin(api, lead);
        int before = rowsDone(api, lead, id);
        awaitRowsDone(api, lead, id, Math.max(before + ROWS / 10, ROWS * 6 / 10));
        service.killJvm();
        service.start();
        api = new Api(service.url());
        lead = relogin(api, lead);
        JsonNode done = Imports.awaitEnd(api, lead.token(), id, Duration.ofMinutes(20));
        Duration took = Duration.between(began, Instant.now());

        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.get("rowsDone").asInt()).isEqualTo(ROWS);
        assertThat(done.get("rowsStored").asInt()).as(done.toString()).isEqualTo(good);
        assertThat(done.get("rowsRefused").asInt()).as(done.toString()).isEqualTo(bad);
        assertThat(done.get("rowsAlreadyImported").asInt()).as(done.toString()).isZero();

        // every item of the outage, read back through the export
        Api.Response export = api.get("/api/exports/items.csv?outageId=" + outageId, lead.token());
        assertThat(export.status()).isEqualTo(200);
        Map<String, Integer> seen = new HashMap<>();
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(export.raw().body().substring(1)))) {
            for (CSVRecord row : parser) {
                seen.merge(row.get("summary"), 1, Integer::sum);
            }
        }
        assertThat(seen.values()).as("no row stored twice").allMatch(count -> count == 1);
        assertThat(seen).hasSize(good);
        for (int n = 1; n <= ROWS; n++) {
            assertThat(seen.containsKey("Dose " + n)).as("row for dose " + n).isEqualTo(n % BAD_EVERY != 0);
        }
        System.out.printf("Imported %,d rows (%,d stored, %,d refused) across a restart and a kill in %d s%n",
                ROWS, good, bad, took.toSeconds());
    }

    /** A valid NHS number made from {@code seed}: the first nine digits from it, then the check digit. */
    static String nhsNumber(int seed) {
        for (long base = 400_000_000L + seed * 11L; ; base++) {
            String first9 = String.valueOf(base);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (first9.charAt(i) - '0') * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check != 10) {
                return first9 + (check == 11 ? 0 : check);
            }
        }
    }

    private static Api.User relogin(Api api, Api.User user) {
        String token = api.login(user.username(), user.password()).get("access_token").asText();
        return new Api.User(user.id(), user.username(), user.password(), token);
    }

    private static int rowsDone(Api api, Api.User lead, long id) {
        Api.Response r = api.get("/api/imports/" + id, lead.token());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.body().get("rowsDone").asInt();
    }

    private static void awaitRowsDone(Api api, Api.User lead, long id, int atLeast) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
        while (rowsDone(api, lead, id) < atLeast) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the import did not reach " + atLeast + " rows");
            }
            Thread.sleep(200);
        }
    }
}

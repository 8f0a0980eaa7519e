package org.downtimebacklog.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.downtimebacklog.support.Api;
import org.downtimebacklog.support.ApiTest;
import org.downtimebacklog.support.StaffedOutage;
import org.junit.jupiter.api.Test;

import io.micronaut.jdbc.DataSourceResolver;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail is tamper-evident: every event is sealed into a hash chain within seconds, and changing or removing
 * a sealed event, even directly in the database as its owner, shows in GET /api/audit/verify; so does changing the
 * patient values an event holds apart, which the seal covers through their digest.
 */
@MicronautTest(transactional = false)
class AuditChainTest extends ApiTest {

    @Inject
    DataSource dataSource;
    @Inject
    DataSourceResolver dataSources;

    @Test
    void everyEventIsSealedAndTheChainVerifies() throws Exception {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        outage.log(b -> { });
        Api.User auditor = api.createUser("AUDITOR", outage.site());

        JsonNode verified = sealedAndVerified(auditor);
        assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.get("sealed").asLong()).isPositive();
        assertThat(verified.get("headHash").asText()).hasSize(64);
        assertThat(api.get("/api/audit?user=" + auditor.username(), auditor.token()).body().findValuesAsText("action"))
                .contains("AUDIT_VERIFIED");
        assertThat(api.get("/api/audit/verify", outage.clerk().token()).status()).isEqualTo(403);
        assertThat(api.get("/api/audit/verify", null).status()).isEqualTo(401);
    }

    @Test
    void aSealedEventChangedOrRemovedInTheDatabaseBreaksTheChainThere() throws Exception {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        long itemId = outage.log(b -> { }).get("id").asLong();
        Api.User auditor = api.createUser("AUDITOR", outage.site());
        assertThat(sealedAndVerified(auditor).get("intact").asBoolean()).isTrue();

        try (Connection owner = asOwner(); Statement sql = owner.createStatement()) {
            long eventId;
            try (var row = sql.executeQuery("SELECT id FROM audit_event WHERE item_id = " + itemId
                    + " AND action = 'ITEM_CREATED'")) {
                row.next();
                eventId = row.getLong(1);
            }
            long seq;
            try (var row = sql.executeQuery("SELECT seq FROM audit_seal WHERE audit_id = " + eventId)) {
                row.next();
                seq = row.getLong(1);
            }
            sql.execute("CREATE TEMPORARY TABLE kept AS SELECT * FROM audit_event WHERE id = " + eventId);
            try {
                // a changed event
                sql.execute("UPDATE audit_event SET actor_username = 'someone-else' WHERE id = " + eventId);
                JsonNode changed = api.get("/api/audit/verify", auditor.token()).body();
                assertThat(changed.get("intact").asBoolean()).isFalse();
                assertThat(changed.get("firstBrokenSeq").asLong()).isEqualTo(seq);
                assertThat(changed.get("problem").asText()).contains("does not match");

                // a removed event
                sql.execute("DELETE FROM audit_event WHERE id = " + eventId);
                JsonNode removed = api.get("/api/audit/verify", auditor.token()).body();
                assertThat(removed.get("intact").asBoolean()).isFalse();
                assertThat(removed.get("firstBrokenSeq").asLong()).isEqualTo(seq);
                assertThat(removed.get("problem").asText()).contains("missing");
            } finally {
                sql.execute("DELETE FROM audit_event WHERE id = " + eventId);
                sql.execute("INSERT INTO audit_event SELECT * FROM kept");
            }
            assertThat(api.get("/api/audit/verify", auditor.token()).body().get("intact").asBoolean())
                    .as("restored, the chain verifies again").isTrue();
        }
    }

    @Test
    void patientValuesChangedWhileHeldBreakTheChainThereEvenWithANewDigest() throws Exception {
        StaffedOutage outage = StaffedOutage.open(api, "EMAR");
        long itemId = outage.log(b -> { }).get("id").asLong();
        Api.User auditor = api.createUser("AUDITOR", outage.site());
        assertThat(sealedAndVerified(auditor).get("intact").asBoolean()).isTrue();

        try (Connection owner = asOwner(); Statement sql = owner.createStatement()) {
            long eventId;
            String changes;
            String held;
            try (var row = sql.executeQuery("SELECT id, changes, patient_changes FROM audit_event WHERE item_id = "
                    + itemId + " AND action = 'ITEM_CREATED'")) {
                row.next();
                eventId = row.getLong(1);
                changes = row.getString(2);
                held = row.getString(3);
            }
            // the patient's values are held apart, and the changes the seal covers only name them
            assertThat(held).contains("9434765919", "Jane Example");
            assertThat(changes).doesNotContain("9434765919", "Jane Example").contains("patient.nhsNumber", "ward");
            long seq;
            try (var row = sql.executeQuery("SELECT seq FROM audit_seal WHERE audit_id = " + eventId)) {
                row.next();
                seq = row.getLong(1);
            }
            sql.execute("CREATE TEMPORARY TABLE kept_values AS SELECT * FROM audit_event WHERE id = " + eventId);
            try {
                // another patient's number in place of the held one
                sql.execute("UPDATE audit_event SET patient_changes = REPLACE(patient_changes, '9434765919', "
                        + "'4010232137') WHERE id = " + eventId);
                JsonNode changed = api.get("/api/audit/verify", auditor.token()).body();
                assertThat(changed.get("intact").asBoolean()).isFalse();
                assertThat(changed.get("firstBrokenSeq").asLong()).isEqualTo(seq);
                assertThat(changed.get("problem").asText()).contains("do not match their digest");

                // the same with the digest made to match: the seal covers the digest
                sql.execute("UPDATE audit_event SET patient_digest = SHA2(patient_changes, 256) WHERE id = " + eventId);
                JsonNode redigested = api.get("/api/audit/verify", auditor.token()).body();
                assertThat(redigested.get("intact").asBoolean()).isFalse();
                assertThat(redigested.get("firstBrokenSeq").asLong()).isEqualTo(seq);
                assertThat(redigested.get("problem").asText()).contains("does not match its seal");
            } finally {
                sql.execute("DELETE FROM audit_event WHERE id = " + eventId);
                sql.execute("INSERT INTO audit_event SELECT * FROM kept_values");
            }
            assertThat(api.get("/api/audit/verify", auditor.token()).body().get("intact").asBoolean())
                    .as("restored, the chain verifies again").isTrue();
        }
    }

    /** Waits until every event so far is sealed, then answers the verification. */
    private JsonNode sealedAndVerified(Api.User auditor) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            Api.Response r = api.get("/api/audit/verify", auditor.token());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            // the verification's own audit event is the one not sealed yet
            if (r.body().get("unsealed").asLong() <= 1 || Instant.now().isAfter(deadline)) {
                return r.body();
            }
            Thread.sleep(200);
        }
    }

    /** The schema owner's connection to the embedded database: what someone with the database's files could do. */
    private Connection asOwner() throws Exception {
        String url;
        try (Connection service = dataSources.resolve(dataSource).getConnection()) {
            url = service.getMetaData().getURL();
        }
        String password = Files.readString(Path.of("target/test-data/db-owner-password")).trim();
        return DriverManager.getConnection(url, "backlog_owner", password);
    }
}

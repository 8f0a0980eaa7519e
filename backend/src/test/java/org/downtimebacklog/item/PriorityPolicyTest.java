package org.downtimebacklog.item;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scores and bands with the weights application.yml ships with. */
class PriorityPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final PriorityPolicy policy = new PriorityPolicy(shipped());

    @Test
    void scoreAddsCategoryPatientStatusHighRiskAndHoursSinceCare() {
        Priority p = policy.of(Category.MEDICATION_ADMINISTRATION, true, PatientStatus.INPATIENT, NOW.minus(Duration.ofHours(3)), NOW);
        assertEquals(30 + 20 + 40 + 3, p.score());
        assertEquals(1, p.band());
        assertEquals("high-risk; medication administration; inpatient; 3 h since care", p.reasons());
    }

    @Test
    void ageCountsUpToItsCeilingAndNeverBelowNothing() {
        assertEquals(5 + 0 + 24, policy.of(Category.OTHER, false, PatientStatus.DISCHARGED, NOW.minus(Duration.ofDays(9)), NOW).score());
        Priority future = policy.of(Category.OTHER, false, PatientStatus.DISCHARGED, NOW.plusSeconds(60), NOW);
        assertEquals(5, future.score());
        assertEquals("other; discharged", future.reasons());
        assertEquals("clinical note; in ED", policy.of(Category.CLINICAL_NOTE, false, PatientStatus.ED, NOW, NOW).reasons());
    }

    @Test
    void bandsFollowTheThresholds() {
        assertEquals(1, policy.band(70));
        assertEquals(2, policy.band(69));
        assertEquals(2, policy.band(50));
        assertEquals(3, policy.band(49));
        assertEquals(3, policy.band(30));
        assertEquals(4, policy.band(29));
        assertEquals(4, policy.band(0));
    }

    @Test
    void bandNamesReadBothWays() {
        for (int band = 1; band <= 4; band++) {
            assertEquals(band, Priority.parseBand(Priority.bandName(band)));
        }
        assertEquals(0, Priority.parseBand("P5"));
        assertEquals(0, Priority.parseBand("p1"));
        assertEquals(0, Priority.parseBand(null));
    }

    @Test
    void aMissingWeightStopsTheServiceFromStarting() {
        PrioritySettings incomplete = shipped();
        incomplete.setCategory(Map.of("MEDICATION_ADMINISTRATION", 30));
        assertThrows(IllegalStateException.class, () -> new PriorityPolicy(incomplete));
        PrioritySettings twoBands = shipped();
        twoBands.setBands(List.of(70, 50));
        assertThrows(IllegalStateException.class, () -> new PriorityPolicy(twoBands));
        PrioritySettings threeTargets = shipped();
        threeTargets.setDueWithin(List.of(Duration.ofHours(2), Duration.ofHours(8), Duration.ofHours(24)));
        assertThrows(IllegalStateException.class, () -> new PriorityPolicy(threeTargets));
    }

    @Test
    void theScoreKeepsGrowingWhileTheRankOrdersAsTheScoreDoesAtAnyMoment() {
        Instant oldCare = NOW.minus(Duration.ofHours(31));
        Instant newCare = NOW.minus(Duration.ofHours(25));
        // an order for an outpatient (30) cared for 31 h ago, a result for one (35) 25 h ago: both P2 when logged
        Priority older = policy.of(Category.ORDER, false, PatientStatus.OUTPATIENT, oldCare, NOW);
        Priority newer = policy.of(Category.RESULT, false, PatientStatus.OUTPATIENT, newCare, NOW);
        assertEquals(30 + 24, older.score());
        assertEquals(35 + 24, newer.score());
        assertEquals(2, older.band());
        assertEquals(2, newer.band());
        assertEquals(30 + 31, policy.scoreAt(older.rank(), oldCare, NOW));
        assertEquals(35 + 25, policy.scoreAt(newer.rank(), newCare, NOW));
        assertEquals(30 + 41, policy.scoreAt(older.rank(), oldCare, NOW.plus(Duration.ofHours(10))));
        assertTrue(older.rank() > newer.rank());
        for (Instant t : List.of(NOW, NOW.plus(Duration.ofHours(3)), NOW.plus(Duration.ofDays(20)))) {
            assertEquals(Integer.compare(policy.scoreAt(older.rank(), oldCare, t), policy.scoreAt(newer.rank(), newCare, t)) > 0,
                    older.rank() > newer.rank());
        }
    }

    @Test
    void dueTimesFollowTheBandAndMoveWithIt() {
        assertEquals(NOW.plus(Duration.ofHours(2)), policy.dueAt(NOW, 1));
        assertEquals(NOW.plus(Duration.ofHours(72)), policy.dueAt(NOW, 4));
        assertEquals(NOW.plus(Duration.ofHours(8)), policy.dueAfterBandChange(NOW.plus(Duration.ofHours(24)), 3, 2));
    }

    /** The weights in application.yml (keys may be written either way). */
    static PrioritySettings shipped() {
        PrioritySettings s = new PrioritySettings();
        s.setHighRisk(40);
        s.setPointsPerHour(1);
        s.setMaxAgeHours(24);
        s.setBands(List.of(70, 50, 30));
        s.setDueWithin(List.of(Duration.ofHours(2), Duration.ofHours(8), Duration.ofHours(24), Duration.ofHours(72)));
        s.setCategory(Map.of("MEDICATION_ADMINISTRATION", 30, "prescription", 30, "RESULT", 25, "ORDER", 20,
                "ADMISSION", 15, "TRANSFER", 15, "DISCHARGE", 15, "OBSERVATIONS", 10, "clinical-note", 5, "OTHER", 5));
        s.setPatientStatus(Map.of("INPATIENT", 20, "ED", 20, "OUTPATIENT", 10, "DISCHARGED", 0));
        return s;
    }
}

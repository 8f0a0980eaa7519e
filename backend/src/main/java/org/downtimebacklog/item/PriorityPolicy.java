package org.downtimebacklog.item;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores an item by clinical risk: its base (its category's weight, high risk, where the patient is: in hospital
 * before outpatients before discharged) and the hours since the care was given. The band, P1 to P4, is the band of the
 * score when the item is logged or its inputs corrected, the hours counted up to a ceiling (thresholds in
 * {@code backlog.priority.bands}); it then holds until a correction or a team lead's override, and sets the item's due
 * time ({@code backlog.priority.due-within}). The age part keeps growing while the item waits, without the ceiling:
 * the score at any moment is base + points-per-hour x hours since care, so within a band older items rise. That score
 * orders items exactly as their {@linkplain #rank rank} does, which does not change with time and is stored and
 * indexed, so the queue's order is read from an index.
 */
@Singleton
class PriorityPolicy {

    private final Map<Category, Integer> categoryWeights = new EnumMap<>(Category.class);
    private final Map<PatientStatus, Integer> statusWeights = new EnumMap<>(PatientStatus.class);
    private final int highRisk;
    private final int pointsPerHour;
    private final int maxAgeHours;
    private final List<Integer> bands;
    private final List<Duration> dueWithin;

    PriorityPolicy(PrioritySettings settings) {
        for (Category c : Category.values()) {
            categoryWeights.put(c, weight(settings.getCategory(), c.name(), "category"));
        }
        for (PatientStatus s : PatientStatus.values()) {
            statusWeights.put(s, weight(settings.getPatientStatus(), s.name(), "patient-status"));
        }
        if (settings.getBands().size() != 3) {
            throw new IllegalStateException("backlog.priority.bands needs three thresholds, for P1, P2 and P3");
        }
        this.highRisk = settings.getHighRisk();
        this.pointsPerHour = settings.getPointsPerHour();
        this.maxAgeHours = settings.getMaxAgeHours();
        this.bands = List.copyOf(settings.getBands());
        if (settings.getDueWithin().size() != 4 || settings.getDueWithin().stream().anyMatch(Duration::isNegative)) {
            throw new IllegalStateException("backlog.priority.due-within needs four durations, for P1 to P4");
        }
        this.dueWithin = List.copyOf(settings.getDueWithin());
    }

    Priority of(Category category, boolean isHighRisk, PatientStatus patientStatus, Instant occurredAt, Instant now) {
        long hours = Math.max(0, Duration.between(occurredAt, now).toHours());
        int base = categoryWeights.get(category) + statusWeights.get(patientStatus) + (isHighRisk ? highRisk : 0);
        int score = base + (int) Math.min(hours, maxAgeHours) * pointsPerHour;
        List<String> reasons = new ArrayList<>();
        if (isHighRisk) {
            reasons.add("high-risk");
        }
        reasons.add(words(category.name()));
        reasons.add(patientStatus == PatientStatus.ED ? "in ED" : words(patientStatus.name()));
        if (hours > 0) {
            reasons.add(hours + " h since care");
        }
        return new Priority(score, band(score), String.join("; ", reasons), rank(base, occurredAt));
    }

    /**
     * The item's place in its band's order, highest first: base x 3600 - points-per-hour x (seconds from 1970 to the
     * care). The score at a moment t is base + points-per-hour x (t - care) / 3600 = (rank + points-per-hour x t) /
     * 3600, the same increasing function of the rank for every item, so the order by score at any moment is the order
     * by rank.
     */
    long rank(int base, Instant occurredAt) {
        return base * 3600L - (long) pointsPerHour * occurredAt.getEpochSecond();
    }

    /** The score of an item of this rank at {@code now}: its base and every whole hour since care (none before it). */
    int scoreAt(long rank, Instant occurredAt, Instant now) {
        long base = Math.floorDiv(rank + (long) pointsPerHour * occurredAt.getEpochSecond(), 3600L);
        long hours = Math.max(0, Duration.between(occurredAt, now).toHours());
        return (int) Math.min(Integer.MAX_VALUE, base + hours * pointsPerHour);
    }

    /** How long after entering the queue an item of the band is due. */
    Duration dueWithin(int band) {
        return dueWithin.get(band - 1);
    }

    /** When an item of the band that entered the queue at {@code from} is due (to the microsecond, as stored). */
    Instant dueAt(Instant from, int band) {
        return from.plus(dueWithin(band)).truncatedTo(ChronoUnit.MICROS);
    }

    /** The due time of an item whose band changes: from when it entered the queue, the new band's target. */
    Instant dueAfterBandChange(Instant dueAt, int oldBand, int newBand) {
        return dueAt.minus(dueWithin(oldBand)).plus(dueWithin(newBand));
    }

    /** The band a score falls in. */
    int band(int score) {
        for (int i = 0; i < bands.size(); i++) {
            if (score >= bands.get(i)) {
                return i + 1;
            }
        }
        return bands.size() + 1;
    }

    private static String words(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Configuration keys may be written MEDICATION_ADMINISTRATION or medication-administration. */
    private static int weight(Map<String, Integer> weights, String constant, String setting) {
        for (Map.Entry<String, Integer> e : weights.entrySet()) {
            if (e.getKey().toUpperCase(Locale.ROOT).replace('-', '_').equals(constant)) {
                return e.getValue();
            }
        }
        throw new IllegalStateException("backlog.priority." + setting + " has no weight for " + constant);
    }
}

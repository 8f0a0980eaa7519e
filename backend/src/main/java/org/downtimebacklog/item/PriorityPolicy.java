package org.downtimebacklog.item;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores an item by clinical risk: its category's weight, high risk, where the patient is (in hospital before
 * outpatients before discharged), and the hours since the care was given (counted when the score is computed: when the
 * item is logged and whenever its inputs are corrected, up to a ceiling). The score falls into a band, P1 to P4, by
 * the thresholds in {@code backlog.priority.bands}.
 */
@Singleton
class PriorityPolicy {

    private final Map<Category, Integer> categoryWeights = new EnumMap<>(Category.class);
    private final Map<PatientStatus, Integer> statusWeights = new EnumMap<>(PatientStatus.class);
    private final int highRisk;
    private final int pointsPerHour;
    private final int maxAgeHours;
    private final List<Integer> bands;

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
    }

    Priority of(Category category, boolean isHighRisk, PatientStatus patientStatus, Instant occurredAt, Instant now) {
        long hours = Math.max(0, Duration.between(occurredAt, now).toHours());
        int score = categoryWeights.get(category) + statusWeights.get(patientStatus)
                + (isHighRisk ? highRisk : 0)
                + (int) Math.min(hours, maxAgeHours) * pointsPerHour;
        List<String> reasons = new ArrayList<>();
        if (isHighRisk) {
            reasons.add("high-risk");
        }
        reasons.add(words(category.name()));
        reasons.add(patientStatus == PatientStatus.ED ? "in ED" : words(patientStatus.name()));
        if (hours > 0) {
            reasons.add(hours + " h since care");
        }
        return new Priority(score, band(score), String.join("; ", reasons));
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

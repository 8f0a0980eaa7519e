package org.downtimebacklog.item;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The weights behind an item's priority score and the due time of each band ({@code backlog.priority} in application.yml). */
@ConfigurationProperties("backlog.priority")
class PrioritySettings {

    private Map<String, Integer> category = Map.of();
    private Map<String, Integer> patientStatus = Map.of();
    private int highRisk;
    private int pointsPerHour;
    private int maxAgeHours;
    private List<Integer> bands = List.of();
    private List<Duration> dueWithin = List.of();

    Map<String, Integer> getCategory() {
        return category;
    }

    void setCategory(Map<String, Integer> category) {
        this.category = category;
    }

    Map<String, Integer> getPatientStatus() {
        return patientStatus;
    }

    void setPatientStatus(Map<String, Integer> patientStatus) {
        this.patientStatus = patientStatus;
    }

    int getHighRisk() {
        return highRisk;
    }

    void setHighRisk(int highRisk) {
        this.highRisk = highRisk;
    }

    int getPointsPerHour() {
        return pointsPerHour;
    }

    void setPointsPerHour(int pointsPerHour) {
        this.pointsPerHour = pointsPerHour;
    }

    int getMaxAgeHours() {
        return maxAgeHours;
    }

    void setMaxAgeHours(int maxAgeHours) {
        this.maxAgeHours = maxAgeHours;
    }

    List<Integer> getBands() {
        return bands;
    }

    void setBands(List<Integer> bands) {
        this.bands = bands;
    }

    /** P1 to P4: how long after an item enters the queue its back-entry is due. */
    List<Duration> getDueWithin() {
        return dueWithin;
    }

    void setDueWithin(List<Duration> dueWithin) {
        this.dueWithin = dueWithin;
    }
}

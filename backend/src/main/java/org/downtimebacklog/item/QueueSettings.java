package org.downtimebacklog.item;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/** How the reconciliation queue behaves ({@code backlog.queue} in application.yml). */
@ConfigurationProperties("backlog.queue")
class QueueSettings {

    private Duration lease = Duration.ofMinutes(30);
    private int maxAssigned = 5;
    private Duration duplicateWindow = Duration.ofMinutes(15);
    private Set<Category> fourEyesCategories = EnumSet.of(Category.MEDICATION_ADMINISTRATION, Category.PRESCRIPTION,
            Category.RESULT);

    /** An ASSIGNED item with no change for this long goes back to READY. */
    Duration getLease() {
        return lease;
    }

    void setLease(Duration lease) {
        this.lease = lease;
    }

    /** The most items one person may hold at once through "next". */
    int getMaxAssigned() {
        return maxAssigned;
    }

    void setMaxAssigned(int maxAssigned) {
        this.maxAssigned = maxAssigned;
    }

    /** Items of one patient, category and system whose clinical times lie this close are possible duplicates. */
    Duration getDuplicateWindow() {
        return duplicateWindow;
    }

    void setDuplicateWindow(Duration duplicateWindow) {
        this.duplicateWindow = duplicateWindow;
    }

    /** Categories whose back-entry a second person must verify (high-risk items always need it). */
    Set<Category> getFourEyesCategories() {
        return fourEyesCategories;
    }

    void setFourEyesCategories(Set<Category> fourEyesCategories) {
        this.fourEyesCategories = fourEyesCategories.isEmpty() ? EnumSet.noneOf(Category.class) : EnumSet.copyOf(fourEyesCategories);
    }

    boolean needsVerification(Category category, boolean highRisk) {
        return highRisk || fourEyesCategories.contains(category);
    }
}

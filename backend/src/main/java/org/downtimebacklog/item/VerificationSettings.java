package org.downtimebacklog.item;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.util.EnumSet;
import java.util.Set;

/** Which back-entries a second person must verify ({@code backlog.queue.four-eyes-categories}). */
@ConfigurationProperties("backlog.queue")
class VerificationSettings {

    private Set<Category> fourEyesCategories = EnumSet.of(Category.MEDICATION_ADMINISTRATION, Category.PRESCRIPTION,
            Category.RESULT);

    /** Categories whose back-entry a second person must verify (high-risk items always need it). */
    Set<Category> getFourEyesCategories() {
        return fourEyesCategories;
    }

    void setFourEyesCategories(Set<Category> fourEyesCategories) {
        this.fourEyesCategories = fourEyesCategories.isEmpty() ? EnumSet.noneOf(Category.class) : EnumSet.copyOf(fourEyesCategories);
    }

    boolean needsVerification(Item item) {
        return needsVerification(item.captured());
    }

    boolean needsVerification(CapturedFields captured) {
        return captured.highRisk() || fourEyesCategories.contains(captured.category());
    }
}

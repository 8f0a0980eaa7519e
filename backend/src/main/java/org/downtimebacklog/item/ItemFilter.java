package org.downtimebacklog.item;

import io.micronaut.core.annotation.Nullable;

import org.downtimebacklog.security.Caller;

import java.util.Set;

/**
 * Criteria for listing items. {@code sites} null means every site. {@code breached}, when set, keeps only the items
 * past their due time (true) or only the others (false) as of {@code breached.asOf()}.
 */
record ItemFilter(
        @Nullable Set<String> sites,
        @Nullable Long outageId,
        @Nullable String site,
        @Nullable String ward,
        @Nullable ItemStatus status,
        @Nullable Category category,
        @Nullable String targetSystem,
        @Nullable Boolean highRisk,
        @Nullable String nhsNumber,
        @Nullable String localId,
        @Nullable String text,
        ItemSort sort,
        @Nullable Set<StatusMatch> statuses,
        @Nullable Breach breached) {

    /** Breached (or not) at a moment. */
    record Breach(boolean breached, @Nullable java.time.Instant asOf) {
    }

    ItemFilter(@Nullable Set<String> sites, @Nullable Long outageId, @Nullable String site, @Nullable String ward,
               @Nullable ItemStatus status, @Nullable Category category, @Nullable String targetSystem,
               @Nullable Boolean highRisk, @Nullable String nhsNumber, @Nullable String localId,
               @Nullable String text, ItemSort sort) {
        this(sites, outageId, site, ward, status, category, targetSystem, highRisk, nhsNumber, localId, text, sort, null, null);
    }

    /** This filter limited to the caller's sites. */
    ItemFilter within(Caller caller) {
        return new ItemFilter(caller.allSites() ? null : caller.sites(), outageId, site, ward, status, category,
                targetSystem, highRisk, nhsNumber, localId, text, sort, statuses, breached);
    }

    /** This filter matching only items in one of these statuses (null: any). */
    ItemFilter withStatuses(@Nullable Set<StatusMatch> matches) {
        return new ItemFilter(sites, outageId, site, ward, status, category, targetSystem, highRisk, nhsNumber,
                localId, text, sort, matches, breached);
    }

    /** Items about a patient: the term is matched as an NHS number (any grouping) and as a local identifier. */
    ItemFilter withPatient(@Nullable String patient) {
        if (patient == null || patient.isBlank()) {
            return this;
        }
        return new ItemFilter(sites, outageId, site, ward, status, category, targetSystem, highRisk,
                NhsNumber.digitsOf(patient), patient.strip(), text, sort, statuses, breached);
    }

    /** This filter keeping only items breached (true) or not (false); null: both. */
    ItemFilter withBreached(@Nullable Boolean value) {
        return new ItemFilter(sites, outageId, site, ward, status, category, targetSystem, highRisk, nhsNumber,
                localId, text, sort, statuses, value == null ? null : new Breach(value, null));
    }

    /** This filter with its breach, if any, judged at {@code now}. */
    ItemFilter at(java.time.Instant now) {
        return breached == null ? this : new ItemFilter(sites, outageId, site, ward, status, category, targetSystem,
                highRisk, nhsNumber, localId, text, sort, statuses, new Breach(breached.breached(), now));
    }
}

package org.downtimebacklog.patient;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A merge done: the identity, now MERGED; the ids of every item moved to the real patient; and those of them already
 * entered in their system under the temporary identity, whose record there must be corrected too. The same merge sent
 * again (into the same NHS number or local id) answers the same, from what the identity keeps.
 */
@Serdeable
public record MergeResponse(TemporaryPatientResponse temporaryPatient, List<Long> items, List<Long> backEntered) {
}

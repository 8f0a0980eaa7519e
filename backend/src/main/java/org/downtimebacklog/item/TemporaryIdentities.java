package org.downtimebacklog.item;

import java.util.Optional;

/**
 * What the item feature asks of the temporary patient feature, which implements it: whether an item may be logged
 * under a temporary identity (TMP-&lt;site&gt;-&lt;n&gt;, kept as the patient's local id). Item owns this interface so
 * that the dependency points into item.
 */
public interface TemporaryIdentities {

    /** Every temporary id starts so; a local id that does is taken for one. */
    String PREFIX = "TMP-";

    static boolean isTemporary(String localId) {
        return localId != null && localId.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /**
     * Why an item at {@code site}, in a drill or a real outage, may not be logged under this temporary id (unknown,
     * another site's, merged, or already naming items of the other kind of outage), or empty when it may. The identity
     * is locked (shared) until the transaction ends, so a merge waits for the item and then takes it along. When
     * {@code logging} (the item is being stored, not only checked), the first item fixes the kind of outage the
     * identity serves. Must be called inside the item's transaction.
     */
    Optional<String> refusal(String temporaryId, String site, boolean drill, boolean logging);
}

package org.downtimebacklog.tracking;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.item.ItemsChangedEvent;

import static io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY;

/** Keeps the outage's running counts with every change to its items, in the transaction of the change. */
@Singleton
class TallyListener {

    private final TallyRepository tallies;

    TallyListener(TallyRepository tallies) {
        this.tallies = tallies;
    }

    @EventListener
    @Transactional(propagation = MANDATORY)
    void onItemsChanged(ItemsChangedEvent event) {
        tallies.apply(Tally.changes(event.before(), event.after()));
    }
}

package org.downtimebacklog.exchange;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.item.ItemQuery;
import org.downtimebacklog.item.ItemResponse;
import org.downtimebacklog.item.ItemService;
import org.downtimebacklog.security.Caller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Schedulers;

import java.util.List;

/**
 * Exports of the backlog as CSV. The rows are read a page at a time, by id, as the client takes them, so an export of
 * a million items never sits in memory whole. Every export is recorded in the audit trail with its filters; one that
 * reveals patient identifiers needs a reason, recorded with it.
 */
@Singleton
class ItemExportService {

    static final int PAGE = 1_000;

    private final ItemService items;
    private final AuditService audit;

    ItemExportService(ItemService items, AuditService audit) {
        this.items = items;
        this.audit = audit;
    }

    /** The export's bytes as they are read: the head, then each page's rows. Record it first ({@link #record}). */
    Flux<byte[]> export(Caller caller, ItemQuery query, boolean reveal) {
        Flux<byte[]> rows = Flux.generate(() -> 0L, (Long afterId, SynchronousSink<byte[]> sink) -> {
            List<ItemResponse> page = items.exportPage(query, caller, afterId, PAGE);
            if (page.isEmpty()) {
                sink.complete();
                return afterId;
            }
            // an export across outages is of real work: a drill's items are exported only with its outageId
            List<ItemResponse> shown = query.outageId() != null ? page
                    : page.stream().filter(i -> !i.drill()).toList();
            sink.next(ItemCsv.rows(shown, reveal));
            return page.get(page.size() - 1).id();
        });
        return Flux.concat(Flux.just(ItemCsv.head()), rows).subscribeOn(Schedulers.boundedElastic());
    }

    /** Records who exported what, before anything is sent. */
    @Transactional
    void record(Caller caller, ItemQuery query, boolean reveal, @Nullable String reason) {
        audit.record(caller, reveal ? "ITEMS_EXPORTED_WITH_PATIENTS" : "ITEMS_EXPORTED", "EXPORT", 0, null,
                Changes.none().set("outageId", query.outageId()).set("site", query.site()).set("ward", query.ward())
                        .set("status", query.status()).set("category", query.category())
                        .set("targetSystem", query.targetSystem()).set("highRisk", query.highRisk())
                        .set("q", query.text()).set("patientsRevealed", reveal), reason);
    }
}

package org.downtimebacklog.exchange;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.downtimebacklog.account.CallerService;
import org.downtimebacklog.database.LockConflicts;
import org.downtimebacklog.database.SqlErrors;
import org.downtimebacklog.item.ItemService;
import org.downtimebacklog.outage.OutageService;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.ConflictException;
import org.downtimebacklog.web.NotFoundException;
import org.downtimebacklog.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs started imports in the background, on whichever node takes one first. A node holds an import by a lease in
 * the database and moves it on a batch of rows at a time: each row in a transaction of its own (stored exactly once by
 * its row key, see {@link ItemService#createImported}), then the batch's counts, refused rows and position in one
 * more, which also renews the lease. A node that stops cleanly gives its lease up; one that dies leaves it to run out
 * ({@code backlog.import.lease}), and another node, or this one restarted, resumes from the last batch written: the
 * rows of the batch in flight are found already stored under their keys, as this import's own, and counted once.
 */
@Singleton
class ItemImportRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ItemImportRunner.class);

    private final ItemImportService service;
    private final ItemService items;
    private final OutageService outages;
    private final CallerService callers;
    private final Duration lease;
    private final Duration abandonAfter;
    private final int batchSize;
    private final String node = "node-" + UUID.randomUUID();
    private final ExecutorService worker;
    private final ExecutorService rows;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean stopping;

    ItemImportRunner(ItemImportService service, ItemService items, OutageService outages, CallerService callers,
                     @Value("${backlog.import.lease:60s}") Duration lease,
                     @Value("${backlog.import.abandon-after:24h}") Duration abandonAfter,
                     @Value("${backlog.import.batch:500}") int batchSize,
                     @Value("${backlog.import.threads:4}") int threads) {
        this.service = service;
        this.items = items;
        this.outages = outages;
        this.callers = callers;
        this.lease = lease;
        this.abandonAfter = abandonAfter;
        this.batchSize = batchSize;
        this.worker = Executors.newSingleThreadExecutor(r -> daemon(r, "import-runner"));
        this.rows = Executors.newFixedThreadPool(threads, r -> daemon(r, "import-rows"));
    }

    /** Every node looks for an import to run; one runs at a time per node. */
    @Scheduled(fixedDelay = "${backlog.import.poll-interval:2s}", initialDelay = "${backlog.import.poll-interval:2s}")
    void poll() {
        if (stopping || !busy.compareAndSet(false, true)) {
            return;
        }
        try {
            service.discardAbandoned(abandonAfter);
            Optional<ItemImport> claimed = service.claimNext(node, lease);
            if (claimed.isEmpty()) {
                busy.set(false);
                return;
            }
            worker.execute(() -> {
                try {
                    run(claimed.get());
                } finally {
                    busy.set(false);
                }
            });
        } catch (RuntimeException e) {
            busy.set(false);
            LOG.warn("Looking for an import to run failed; it will look again: {}", e.getClass().getSimpleName());
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        worker.shutdown();
        try {
            if (!worker.awaitTermination(20, TimeUnit.SECONDS)) {
                LOG.warn("An import was still writing its batch at shutdown; it resumes from its last batch");
            }
            int released = service.releaseLeases(node);
            if (released > 0) {
                LOG.info("Handed {} running import(s) back for another node, or the next start, to resume", released);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Could not hand running imports back at shutdown; they resume when their lease runs out: {}",
                    e.getClass().getSimpleName());
        } finally {
            rows.shutdownNow();
        }
    }

    private void run(ItemImport job) {
        long id = job.id();
        try {
            Caller caller = callers.current(job.startedById()).filter(Caller::isLead).orElse(null);
            if (caller == null) {
                service.finish(node, job, ImportStatus.FAILED, null,
                        "the account that started it can no longer import (disabled, or no longer a team lead)");
                return;
            }
            try {
                outages.get(job.outageId(), caller);
            } catch (NotFoundException e) {
                service.finish(node, job, ImportStatus.FAILED, caller, "the person who started it can no longer reach its outage");
                return;
            }
            RowMapper mapper = service.mapper(job, service.mappingOf(job), service.headersOf(job));
            CsvFile file = CsvFile.read(service.fileOf(id));
            Iterator<CsvFile.Row> remaining = file.rows(job.progress().nextRow());
            int done = job.progress().nextRow();
            int from = done;
            long began = System.nanoTime();
            while (remaining.hasNext()) {
                if (stopping) {
                    return;
                }
                List<RowMapper.Mapped> batch = new ArrayList<>(batchSize);
                while (remaining.hasNext() && batch.size() < batchSize) {
                    batch.add(mapper.map(remaining.next()));
                }
                List<RowOutcome> outcomes = process(id, batch, mapper, caller);
                done += batch.size();
                if (!service.advance(node, lease, id, done, outcomes)) {
                    LOG.warn("Import {} was taken over by another node; this one stops", id);
                    return;
                }
            }
            service.finish(node, job, ImportStatus.DONE, caller, null);
            double seconds = (System.nanoTime() - began) / 1e9;
            LOG.info("Import {} finished: {} rows in this run in {} s ({} rows/s)", id, done - from,
                    Math.round(seconds), Math.round((done - from) / Math.max(seconds, 0.001)));
        } catch (RuntimeException e) {
            LOG.warn("Import {} stopped ({}); it resumes from its last batch when its lease runs out", id,
                    e.getClass().getSimpleName());
        }
    }

    /**
     * The rows, each in a transaction of its own on a few threads at once; a row whose key comes again later in the
     * batch waits until the first is done, so that it is found as the repeat it is.
     */
    private List<RowOutcome> process(long importId, List<RowMapper.Mapped> batch, RowMapper mapper, Caller caller) {
        Map<String, Integer> first = new HashMap<>();
        List<Future<RowOutcome>> firsts = new ArrayList<>();
        List<RowMapper.Mapped> repeats = new ArrayList<>();
        for (RowMapper.Mapped row : batch) {
            if (row.ok() && first.putIfAbsent(row.key(), row.row().number()) != null) {
                repeats.add(row);
            } else {
                firsts.add(rows.submit(() -> store(importId, row, mapper, caller)));
            }
        }
        List<RowOutcome> outcomes = new ArrayList<>(batch.size());
        for (Future<RowOutcome> f : firsts) {
            outcomes.add(result(f));
        }
        for (RowMapper.Mapped row : repeats) {
            outcomes.add(store(importId, row, mapper, caller));
        }
        return outcomes;
    }

    private RowOutcome store(long importId, RowMapper.Mapped row, RowMapper mapper, Caller caller) {
        if (!row.ok()) {
            return RowOutcome.refused(row, row.problems());
        }
        int number = row.row().number();
        try {
            // a deadlock or a cluster's certification conflict rolled the row's transaction back: it is made again
            ItemService.Created created = LockConflicts.retried(3, () -> items.createImported(row.fields(), row.key(),
                    new ItemService.ImportedRow(importId, number), caller));
            ItemService.ImportedRow origin = created.origin();
            if (!created.replayed() || (origin != null && origin.importId() == importId && origin.row() == number)) {
                return new RowOutcome(row, RowOutcome.Kind.STORED, List.of());
            }
            if (origin != null && origin.importId() == importId) {
                return RowOutcome.refused(row, List.of(new ImportProblem(null, "row",
                        "repeats row " + origin.row() + " of this file; stored once")));
            }
            return new RowOutcome(row, RowOutcome.Kind.ALREADY, List.of());
        } catch (ConflictException | NotFoundException e) {
            return RowOutcome.refused(row, List.of(new ImportProblem(null, "row", e.detail())));
        } catch (ProblemException e) {
            return RowOutcome.refused(row, e.violations().isEmpty()
                    ? List.of(new ImportProblem(null, "row", e.detail()))
                    : e.violations().stream().map(v -> mapper.problem(v.field(), v.message())).toList());
        } catch (RuntimeException e) {
            String state = SqlErrors.sqlState(e);
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                // a value the database refused that the rules let through: this row, not the import, is at fault
                LOG.warn("Import {} row {} could not be stored (SQL state {})", importId, number, state);
                return RowOutcome.refused(row, List.of(new ImportProblem(null, "row",
                        "could not be stored (SQL state " + state + "); log it by hand and tell the service's administrators")));
            }
            throw e;
        }
    }

    private static RowOutcome result(Future<RowOutcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}

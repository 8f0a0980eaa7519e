package org.downtimebacklog.exchange;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.item.ItemService;
import org.downtimebacklog.outage.OutageResponse;
import org.downtimebacklog.outage.OutageService;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.ConflictException;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.NotFoundException;
import org.downtimebacklog.web.Violation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;
import reactor.core.scheduler.Schedulers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.time.Duration;

/**
 * Spreadsheets brought into an outage's backlog by a team lead: the file uploaded in parts, read (encoding,
 * delimiter, headers, rows), mapped to item fields, previewed row by row, then imported in the background by
 * {@link ItemImportRunner}, each row checked and stored exactly as {@code POST /api/items} would, exactly once however
 * often the file (or one that overlaps it) is imported. The file is kept only until its import is done.
 */
@Singleton
public class ItemImportService {

    /** The largest file accepted: about 250,000 rows of a typical sheet. */
    public static final long MAX_FILE_BYTES = 50L * 1024 * 1024;
    /** Each part of an upload but the last is this large: well under the request limit and any proxy's. */
    public static final int PART_SIZE = 192 * 1024;
    static final String ENTITY = "IMPORT";
    private static final int LIST_LIMIT = 50;
    private static final int REFUSAL_PAGE = 1_000;

    private final ItemImportRepository imports;
    private final ImportMappingRepository mappings;
    private final OutageService outages;
    private final ItemService items;
    private final AuditService audit;
    private final JsonMapper json;
    private final Validator validator;
    private final Clock clock;
    private final ZoneId zone;

    ItemImportService(ItemImportRepository imports, ImportMappingRepository mappings, OutageService outages,
                      ItemService items, AuditService audit, JsonMapper json, Validator validator, Clock clock,
                      @Value("${backlog.timezone:Europe/London}") String zone) {
        this.imports = imports;
        this.mappings = mappings;
        this.outages = outages;
        this.items = items;
        this.audit = audit;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /** Registers a file about to be uploaded into an open outage at the caller's sites. */
    @Transactional
    public ImportResponse create(ImportCreateRequest request, Caller caller) {
        OutageResponse outage = outages.get(request.outageId(), caller);
        if (outage.closedAt() != null) {
            throw new ConflictException("Outage " + outage.reference() + " is closed; nothing can be imported into it.");
        }
        ItemImport created = imports.save(ItemImport.uploading(outage.id(), request.fileName().strip(), request.size(),
                caller.username(), Instant.now(clock)));
        return response(created);
    }

    /** Stores part {@code part} of the file (again, if it is sent again). */
    @Transactional
    public void putPart(long id, int part, byte[] content, Caller caller) {
        ItemImport found = lockVisible(id, caller);
        requireStatus(found, ImportStatus.UPLOADING);
        long size = found.file().size();
        int parts = partCount(size);
        if (part < 0 || part >= parts) {
            throw InvalidInputException.of("part", "must be from 0 to " + (parts - 1) + " for a file of " + size + " bytes");
        }
        long expected = part < parts - 1 ? PART_SIZE : size - (long) PART_SIZE * (parts - 1);
        if (content.length != expected) {
            throw InvalidInputException.of("body", "part " + part + " must be " + expected + " bytes, not " + content.length);
        }
        imports.savePart(id, part, content);
    }

    /**
     * Puts the parts together and reads the file: its encoding, delimiter, header row and rows. 422 naming
     * {@code file} or {@code headers} when it is not a CSV file with a header row and rows; 409 naming the parts
     * still missing. Done once; asked again, it answers as before.
     */
    @Transactional
    public ImportResponse complete(long id, Caller caller) {
        ItemImport found = lockVisible(id, caller);
        if (found.status() == ImportStatus.DISCARDED) {
            requireStatus(found, ImportStatus.UPLOADING);
        }
        if (found.status() != ImportStatus.UPLOADING) {
            return response(found);
        }
        int parts = partCount(found.file().size());
        List<Integer> missing = new ArrayList<>();
        java.util.Set<Integer> received = new java.util.HashSet<>(imports.partNumbers(id));
        for (int part = 0; part < parts; part++) {
            if (!received.contains(part)) {
                missing.add(part);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConflictException("Parts " + (missing.size() > 20 ? missing.subList(0, 20) + "…" : missing)
                    + " of the file have not arrived; send them, then complete again.", Map.of("missingParts", missing));
        }
        byte[] bytes = fileOf(id);
        CsvFile file = CsvFile.read(bytes);
        int rows = file.countRows();
        if (rows == 0) {
            throw InvalidInputException.of("file", "has a header row but no rows");
        }
        ImportFile read = new ImportFile(found.file().name(), found.file().size(), RowMapper.sha256(bytes), file.charset().name(),
                String.valueOf(file.delimiter()), write(file.headers()), rows);
        ItemImport uploaded = imports.update(withFile(found, read, ImportStatus.UPLOADED));
        audit.record(caller, "IMPORT_UPLOADED", ENTITY, id, null, Changes.none()
                .set("outageId", found.outageId()).set("fileName", read.name()).set("bytes", read.size())
                .set("sha256", read.sha256()).set("rows", rows), null);
        return response(uploaded);
    }

    /**
     * The first rows as this mapping reads them, each with what importing it would do. Nothing is stored; the
     * preview is recorded in the audit trail, as it shows patients' details.
     */
    @Transactional
    public ImportPreview preview(long id, ImportPreviewRequest request, Caller caller) {
        ItemImport found = visible(id, caller);
        requireStatus(found, ImportStatus.UPLOADED);
        List<String> headers = headersOf(found);
        RowMapper mapper = mapper(found, request.mapping(), headers);
        CsvFile file = CsvFile.read(fileOf(id));
        int wanted = request.rows() == null ? 20 : request.rows();
        List<ImportPreview.Row> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Iterator<CsvFile.Row> it = file.rows(0); it.hasNext() && rows.size() < wanted; ) {
            RowMapper.Mapped mapped = mapper.map(it.next());
            rows.add(verdict(found, mapper, mapped, seen, caller));
        }
        audit.record(caller, "IMPORT_PREVIEWED", ENTITY, id, null, Changes.none().set("rows", rows.size()), null);
        return new ImportPreview(Objects.requireNonNullElse(found.file().totalRows(), 0), rows);
    }

    /**
     * Starts the import with this mapping (and saves the mapping under {@code saveAs}); a node picks it up within
     * seconds. Started again by the same person with the same mapping, it answers as before.
     */
    @Transactional
    public ImportResponse start(long id, ImportStartRequest request, Caller caller) {
        ItemImport found = lockVisible(id, caller);
        String mapping = write(request.mapping());
        if (found.status() != ImportStatus.UPLOADED) {
            if (found.startedById() != null && found.startedById() == caller.userId() && mapping.equals(found.mapping())) {
                return response(found);
            }
            requireStatus(found, ImportStatus.UPLOADED);
        }
        mapper(found, request.mapping(), headersOf(found));
        Instant now = Instant.now(clock);
        ItemImport queued = imports.update(new ItemImport(found.id(), found.outageId(), ImportStatus.QUEUED,
                found.file(), mapping, ImportProgress.NONE, null, found.createdBy(), found.createdAt(),
                caller.userId(), caller.username(), now, null, null, null));
        if (request.saveAs() != null) {
            mappings.upsert(request.saveAs().strip(), mapping, caller.username(), now);
        }
        audit.record(caller, "IMPORT_STARTED", ENTITY, id, null, Changes.none()
                .set("outageId", found.outageId()).set("rows", found.file().totalRows())
                .set("mapping", request.mapping()).set("savedAs", request.saveAs()), null);
        return response(queued);
    }

    @Transactional(readOnly = true)
    public ImportResponse get(long id, Caller caller) {
        return response(visible(id, caller));
    }

    /** The outage's imports, newest first (the latest 50). */
    @Transactional(readOnly = true)
    public List<ImportResponse> list(long outageId, Caller caller) {
        outages.get(outageId, caller);
        return imports.findByOutage(outageId, LIST_LIMIT).stream().map(this::response).toList();
    }

    /** Drops an upload that has not been started, and its file. */
    @Transactional
    public void discard(long id, Caller caller) {
        ItemImport found = lockVisible(id, caller);
        if (found.status() != ImportStatus.UPLOADING && found.status() != ImportStatus.UPLOADED) {
            throw new ConflictException("The import is " + found.status() + "; only an import not yet started can be discarded.",
                    Map.of("currentStatus", found.status().name()));
        }
        imports.deleteParts(id);
        imports.update(withFile(found, found.file(), ImportStatus.DISCARDED));
        audit.record(caller, "IMPORT_DISCARDED", ENTITY, id, null, Changes.none(), null);
    }

    /**
     * The refused rows as CSV: the file's own columns, then the row's number, the column at fault and the reason;
     * read a page at a time as the client takes them. Record the download first ({@link #recordRefusalsDownload}).
     */
    public Flux<byte[]> refusals(long id, Caller caller) {
        ItemImport found = visible(id, caller);
        List<String> header = new ArrayList<>(headersOf(found));
        header.addAll(List.of("row", "column", "reason"));
        Flux<byte[]> rows = Flux.generate(() -> 0, (Integer afterRow, SynchronousSink<byte[]> sink) -> {
            List<ItemImportRepository.Refusal> page = imports.refusals(id, afterRow, REFUSAL_PAGE);
            if (page.isEmpty()) {
                sink.complete();
                return afterRow;
            }
            List<List<String>> lines = new ArrayList<>(page.size());
            for (ItemImportRepository.Refusal refusal : page) {
                List<String> line = new ArrayList<>(readList(refusal.cells()));
                while (line.size() < header.size() - 3) {
                    line.add("");
                }
                line.addAll(List.of(String.valueOf(refusal.rowNo()), Objects.requireNonNullElse(refusal.columnName(), ""),
                        refusal.field() + ": " + refusal.reason()));
                lines.add(line);
            }
            sink.next(ItemCsv.records(lines));
            return page.get(page.size() - 1).rowNo();
        });
        return Flux.concat(Flux.just(ItemCsv.head(header)), rows).subscribeOn(Schedulers.boundedElastic());
    }

    /** Records who downloaded an import's refused rows (they hold patients' details), before anything is sent. */
    @Transactional
    public void recordRefusalsDownload(long id, Caller caller) {
        ItemImport found = visible(id, caller);
        audit.record(caller, "IMPORT_REFUSALS_DOWNLOADED", ENTITY, id, null, Changes.none()
                .set("rows", found.progress().refused()), null);
    }

    @Transactional(readOnly = true)
    public List<SavedMapping> mappings() {
        return mappings.newestFirst().stream().map(this::saved).toList();
    }

    @Transactional
    public SavedMapping saveMapping(SavedMapping.Request request, Caller caller) {
        String name = request.name().strip();
        mappings.upsert(name, write(request.mapping()), caller.username(), Instant.now(clock));
        audit.record(caller, "IMPORT_MAPPING_SAVED", ENTITY, 0, null, Changes.none().set("name", name), null);
        return saved(mappings.findById(name).orElseThrow());
    }

    // --- for the runner ---

    /** Takes the oldest import waiting to run, or running under a lease that ran out, for {@code node}. */
    @Transactional
    Optional<ItemImport> claimNext(String node, Duration lease) {
        Instant now = Instant.now(clock);
        return imports.findClaimable(now)
                .filter(id -> imports.claim(id, node, now.plus(lease), now) == 1)
                .flatMap(imports::findById);
    }

    /** Writes a batch's counts, refused rows and position, and renews the lease; false if the lease was lost. */
    @Transactional
    boolean advance(String node, Duration lease, long id, int done, List<RowOutcome> outcomes) {
        Map<RowOutcome.Kind, Long> counts = outcomes.stream()
                .collect(Collectors.groupingBy(RowOutcome::kind, Collectors.counting()));
        int updated = imports.advance(id, node, done, counts.getOrDefault(RowOutcome.Kind.STORED, 0L).intValue(),
                counts.getOrDefault(RowOutcome.Kind.ALREADY, 0L).intValue(),
                counts.getOrDefault(RowOutcome.Kind.REFUSED, 0L).intValue(), Instant.now(clock).plus(lease));
        if (updated == 0) {
            return false;
        }
        for (RowOutcome o : outcomes) {
            if (o.kind() == RowOutcome.Kind.REFUSED) {
                ImportProblem p = o.problems().get(0);
                String reason = o.problems().stream().map(q -> (q.column() == null ? q.field() : q.column()) + ": "
                        + q.message()).collect(Collectors.joining("; "));
                imports.saveRefusal(id, o.row().row().number(), p.column(), p.field(),
                        reason.length() <= 1000 ? reason : reason.substring(0, 999) + "…", write(o.row().row().cells()));
            }
        }
        return true;
    }

    /** Ends the import, deletes its file, and records the end with its counts as the person who started it. */
    @Transactional
    void finish(String node, ItemImport job, ImportStatus status, @Nullable Caller caller, @Nullable String failure) {
        if (imports.finish(job.id(), node, status, failure, Instant.now(clock)) == 0) {
            return;
        }
        imports.deleteParts(job.id());
        ImportProgress p = imports.findById(job.id()).map(ItemImport::progress).orElse(job.progress());
        audit.record(caller, status == ImportStatus.DONE ? "IMPORT_FINISHED" : "IMPORT_FAILED", ENTITY, job.id(), null,
                Changes.none().set("outageId", job.outageId()).set("rows", p.nextRow()).set("stored", p.stored())
                        .set("alreadyImported", p.already()).set("refused", p.refused()), failure);
    }

    /** Lets another node, or this one's next start, resume at once what {@code node} was running. */
    @Transactional
    int releaseLeases(String node) {
        return imports.releaseLeases(node);
    }

    /** Uploads not started within {@code after}: their files deleted, as nobody is going to import them. */
    @Transactional
    void discardAbandoned(Duration after) {
        String reason = "not started within " + after.toHours() + " h of its upload";
        for (Long id : imports.findAbandoned(Instant.now(clock).minus(after))) {
            imports.findByIdForUpdate(id).filter(i -> i.status() == ImportStatus.UPLOADING
                    || i.status() == ImportStatus.UPLOADED).ifPresent(i -> {
                imports.deleteParts(id);
                imports.update(withFile(i, i.file(), ImportStatus.DISCARDED));
                audit.record(null, "IMPORT_DISCARDED", ENTITY, id, null, Changes.none(), reason);
            });
        }
    }

    /** The import's file, put together from its parts. */
    @Transactional(readOnly = true)
    byte[] fileOf(long id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ItemImportRepository.Part part : imports.parts(id)) {
            out.writeBytes(part.content());
        }
        return out.toByteArray();
    }

    /** How this import reads rows into items, once its mapping is checked against its headers (422 if it is wrong). */
    RowMapper mapper(ItemImport found, ImportMapping mapping, List<String> headers) {
        List<Violation> problems = mapping.problems(headers);
        RowMapper mapper = new RowMapper(found.outageId(), mapping, headers, zone, validator);
        if (problems.isEmpty()) {
            problems = mapper.fixedValueProblems();
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return mapper;
    }

    ImportMapping mappingOf(ItemImport found) {
        return read(found.mapping(), Argument.of(ImportMapping.class));
    }

    List<String> headersOf(ItemImport found) {
        return found.file().headers() == null ? List.of() : readList(found.file().headers());
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ImportPreview.Row verdict(ItemImport found, RowMapper mapper, RowMapper.Mapped mapped,
                                      Map<String, Integer> seen, Caller caller) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        mapped.values().forEach((field, value) -> values.put(field.path, value));
        int row = mapped.row().number();
        if (!mapped.ok()) {
            return new ImportPreview.Row(row, ImportPreview.Verdict.REFUSED, mapped.problems(), values);
        }
        Integer earlier = seen.putIfAbsent(mapped.key(), row);
        if (earlier != null) {
            return new ImportPreview.Row(row, ImportPreview.Verdict.REPEATED_IN_FILE, List.of(new ImportProblem(null,
                    "row", "repeats row " + earlier + " of this file")), values);
        }
        var before = items.importedKey(found.outageId(), mapped.key());
        if (before.isPresent()) {
            if (!before.get().contentHash().equals(items.contentHash(mapped.fields()))) {
                return new ImportPreview.Row(row, ImportPreview.Verdict.REFUSED, List.of(mapper.problem("keyColumn",
                        "this key was imported before with other content")), values);
            }
            return new ImportPreview.Row(row, ImportPreview.Verdict.ALREADY_IMPORTED, List.of(), values);
        }
        List<ImportProblem> problems = items.problems(mapped.fields(), caller).stream()
                .map(v -> mapper.problem(v.field(), v.message())).toList();
        return new ImportPreview.Row(row, problems.isEmpty() ? ImportPreview.Verdict.STORE : ImportPreview.Verdict.REFUSED,
                problems, values);
    }

    private ItemImport visible(long id, Caller caller) {
        return check(imports.findById(id), id, caller);
    }

    private ItemImport lockVisible(long id, Caller caller) {
        return check(imports.findByIdForUpdate(id), id, caller);
    }

    private ItemImport check(java.util.Optional<ItemImport> found, long id, Caller caller) {
        ItemImport i = found.orElseThrow(() -> new NotFoundException("Import " + id));
        try {
            outages.get(i.outageId(), caller);
        } catch (NotFoundException e) {
            throw new NotFoundException("Import " + id);
        }
        return i;
    }

    private static void requireStatus(ItemImport found, ImportStatus wanted) {
        if (found.status() != wanted) {
            throw new ConflictException("The import is " + found.status() + "; this needs it " + wanted + ".",
                    Map.of("currentStatus", found.status().name()));
        }
    }

    private static ItemImport withFile(ItemImport i, ImportFile file, ImportStatus status) {
        return new ItemImport(i.id(), i.outageId(), status, file, i.mapping(), i.progress(), i.failure(), i.createdBy(),
                i.createdAt(), i.startedById(), i.startedBy(), i.startedAt(), i.finishedAt(), i.leaseOwner(),
                i.leaseUntil());
    }

    private static int partCount(long size) {
        return Math.toIntExact((size + PART_SIZE - 1) / PART_SIZE);
    }

    private ImportResponse response(ItemImport i) {
        List<String> headers = headersOf(i);
        ImportMapping suggested = null;
        String suggestedName = null;
        if (i.status() == ImportStatus.UPLOADED) {
            for (StoredMapping stored : mappings.newestFirst()) {
                ImportMapping candidate = read(stored.mapping(), Argument.of(ImportMapping.class));
                if (candidate.problems(headers).isEmpty()) {
                    suggested = candidate;
                    suggestedName = stored.name();
                    break;
                }
            }
            if (suggested == null) {
                suggested = ImportMapping.suggest(headers);
            }
        }
        List<Long> sameFile = i.file().sha256() == null ? List.of()
                : imports.findSameFile(i.outageId(), i.file().sha256(), i.id());
        ImportProgress p = i.progress();
        return new ImportResponse(i.id(), i.outageId(), i.file().name(), i.file().size(), PART_SIZE, i.status(),
                i.file().charset(), i.file().delimiter(), headers, i.file().totalRows(), p.nextRow(), p.stored(),
                p.already(), p.refused(), suggested, suggestedName,
                i.mapping() == null ? null : mappingOf(i), sameFile, i.failure(), i.createdBy(), i.createdAt(),
                i.startedBy(), i.startedAt(), i.finishedAt());
    }

    private SavedMapping saved(StoredMapping stored) {
        return new SavedMapping(stored.name(), read(stored.mapping(), Argument.of(ImportMapping.class)),
                stored.updatedBy(), stored.updatedAt());
    }

    private List<String> readList(String text) {
        return read(text, Argument.listOf(String.class));
    }

    private <T> T read(String text, Argument<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

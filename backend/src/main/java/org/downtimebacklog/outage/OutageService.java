package org.downtimebacklog.outage;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.database.StringSetConverter;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.ConflictException;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.NotFoundException;
import org.downtimebacklog.web.NotInFuture;
import org.downtimebacklog.web.Text;
import org.downtimebacklog.web.Violation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

@Singleton
public class OutageService {

    static final String ENTITY = "OUTAGE";
    private static final int LIST_LIMIT = 500;
    /** An outage that began before this is a typing error (and would not fit the column). */
    static final Instant EARLIEST_START = Instant.parse("2000-01-01T00:00:00Z");

    private final OutageRepository outages;
    private final OutageSystemRepository systems;
    private final AuditService audit;
    private final ApplicationEventPublisher<SystemRecoveredEvent> recoveries;
    private final Clock clock;
    private final NotInFuture notInFuture;

    OutageService(OutageRepository outages, OutageSystemRepository systems, AuditService audit,
                  ApplicationEventPublisher<SystemRecoveredEvent> recoveries, Clock clock,
                  NotInFuture notInFuture) {
        this.outages = outages;
        this.systems = systems;
        this.audit = audit;
        this.recoveries = recoveries;
        this.clock = clock;
        this.notInFuture = notInFuture;
    }

    @Transactional
    public OutageResponse create(OutageCreateRequest request, Caller caller) {
        List<Violation> violations = new ArrayList<>();
        Set<String> foreign = request.sites().stream().filter(s -> !caller.canAccessSite(s))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!foreign.isEmpty()) {
            violations.add(new Violation("sites", "you do not work at " + String.join(", ", foreign)));
        }
        Instant now = Instant.now(clock);
        notInFuture.check("startedAt", request.startedAt(), violations);
        if (request.startedAt().isBefore(EARLIEST_START)) {
            violations.add(new Violation("startedAt", "must not be before " + EARLIEST_START));
        }
        if (!StringSetConverter.fits(request.sites())) {
            violations.add(new Violation("sites", StringSetConverter.TOO_MANY));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        Outage outage = outages.save(new Outage(null, request.title().strip(), request.sites(), Text.blankToNull(request.notes()),
                request.startedAt(), null, now, caller.username(), request.declaresDrill()));
        List<OutageSystem> saved = new ArrayList<>();
        for (String code : new TreeSet<>(request.systems())) {
            saved.add(systems.save(new OutageSystem(null, outage.id(), code, null, null)));
        }
        audit.record(caller, "OUTAGE_CREATED", ENTITY, outage.id(), null, Changes.none()
                .set("title", outage.title())
                .set("sites", outage.sites())
                .set("systems", request.systems())
                .set("startedAt", outage.startedAt())
                .set("drill", outage.drill()), null);
        return OutageResponse.of(outage, saved);
    }

    @Transactional(readOnly = true)
    public List<OutageResponse> list(Caller caller) {
        List<Outage> visible = outages.listRecent(LIST_LIMIT).stream()
                .filter(o -> caller.canAccessAnySite(o.sites())).toList();
        if (visible.isEmpty()) {
            return List.of();
        }
        Map<Long, List<OutageSystem>> byOutage = systems.findByOutages(visible.stream().map(Outage::id).toList())
                .stream().collect(Collectors.groupingBy(OutageSystem::outageId));
        return visible.stream().map(o -> OutageResponse.of(o, byOutage.getOrDefault(o.id(), List.of()))).toList();
    }

    @Transactional(readOnly = true)
    public OutageResponse get(long id, Caller caller) {
        Outage outage = visible(outages.findById(id), id, caller);
        return OutageResponse.of(outage, systems.findByOutage(id));
    }

    @Transactional
    public OutageResponse recordRecovery(long id, String systemCode, RecoveryRequest request, Caller caller) {
        Outage outage = visible(outages.findByIdForUpdate(id), id, caller);
        OutageSystem system = systems.findForUpdate(id, systemCode)
                .orElseThrow(() -> new NotFoundException("System " + systemCode + " in outage " + outage.reference()));
        if (system.recoveredAt() != null) {
            throw new ConflictException("System " + systemCode + " was already recorded as recovered at "
                    + system.recoveredAt() + ".", Map.of("recoveredAt", system.recoveredAt().toString()));
        }
        List<Violation> future = new ArrayList<>();
        notInFuture.check("recoveredAt", request.recoveredAt(), future);
        if (!future.isEmpty()) {
            throw new InvalidInputException(future);
        }
        if (request.recoveredAt().isBefore(outage.startedAt())) {
            throw InvalidInputException.of("recoveredAt", "must not be before the outage started (" + outage.startedAt() + ")");
        }
        systems.update(new OutageSystem(system.id(), id, systemCode, request.recoveredAt(), caller.username()));
        audit.record(caller, "SYSTEM_RECOVERED", ENTITY, id, null, Changes.none()
                .field("systems." + systemCode + ".recoveredAt", null, request.recoveredAt()), null);
        recoveries.publishEvent(new SystemRecoveredEvent(id, systemCode, request.recoveredAt(), caller));
        return OutageResponse.of(outage, systems.findByOutage(id));
    }

    @Transactional
    public OutageResponse close(long id, Caller caller) {
        Outage outage = visible(outages.findByIdForUpdate(id), id, caller);
        if (outage.closedAt() != null) {
            throw new ConflictException("Outage " + outage.reference() + " is already closed.");
        }
        Instant now = Instant.now(clock);
        Outage closed = outages.update(new Outage(outage.id(), outage.title(), outage.sites(), outage.notes(),
                outage.startedAt(), now, outage.createdAt(), outage.createdBy(), outage.drill()));
        audit.record(caller, "OUTAGE_CLOSED", ENTITY, id, null, Changes.none().field("closedAt", null, now), null);
        return OutageResponse.of(closed, systems.findByOutage(id));
    }

    /** A system of an outage that has come back, when, and who recorded it. */
    public record RecoveredSystem(long outageId, String system, Instant recoveredAt) {
    }

    /** Every system of every outage that has come back (for finishing releases a node left unfinished). */
    @Transactional(readOnly = true)
    public List<RecoveredSystem> recoveredSystems() {
        return systems.findRecovered().stream()
                .map(s -> new RecoveredSystem(s.outageId(), s.systemCode(), s.recoveredAt())).toList();
    }

    /**
     * What an item being logged needs to know about its outage, read under a shared lock on the outage's systems.
     * Must be called inside the item's transaction.
     */
    @Transactional(propagation = io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY)
    public OutageForLogging forLogging(long id, Caller caller) {
        return findForLogging(id, caller).orElseThrow(() -> new NotFoundException("Outage " + id));
    }

    /**
     * As {@link #forLogging}, empty when the outage does not exist or is not at one of the caller's sites (so that a
     * batch of items answers that per item, and the transaction goes on for the others).
     */
    @Transactional(propagation = io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY)
    public java.util.Optional<OutageForLogging> findForLogging(long id, Caller caller) {
        List<SystemOfOutage> found = systems.findWithOutageForShare(id);
        if (found.isEmpty()) {
            return java.util.Optional.empty();
        }
        SystemOfOutage outage = found.get(0);
        Set<String> sites = SITES.convertToEntityValue(outage.sites(), null);
        if (!caller.canAccessAnySite(sites)) {
            return java.util.Optional.empty();
        }
        Map<String, Instant> systemRecovery = new java.util.TreeMap<>();
        for (SystemOfOutage s : found) {
            systemRecovery.put(s.systemCode(), s.recoveredAt());
        }
        return java.util.Optional.of(new OutageForLogging(id, OutageResponse.reference(id), sites, systemRecovery,
                outage.startedAt(), outage.closedAt() != null, outage.drill()));
    }

    /**
     * Whether the outage is a drill. Fixed when it is declared, so the answer is kept; false for an outage that does
     * not exist.
     */
    public boolean isDrill(long id) {
        return drills.computeIfAbsent(id, k -> outages.findDrill(k).orElse(false));
    }

    private final Map<Long, Boolean> drills = new java.util.concurrent.ConcurrentHashMap<>();

    private static final StringSetConverter SITES = new StringSetConverter();

    /** The ids of every drill outage (few: an exercise a year or so per hospital). */
    public Set<Long> drillIds() {
        return Set.copyOf(outages.findDrillIds());
    }

    private static Outage visible(java.util.Optional<Outage> found, long id, Caller caller) {
        return found.filter(o -> caller.canAccessAnySite(o.sites()))
                .orElseThrow(() -> new NotFoundException("Outage " + id));
    }
}

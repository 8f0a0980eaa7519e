package org.downtimebacklog.custody;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.downtimebacklog.audit.AuditService;
import org.downtimebacklog.audit.Changes;
import org.downtimebacklog.outage.OutageResponse;
import org.downtimebacklog.outage.OutageService;
import org.downtimebacklog.security.Caller;
import org.downtimebacklog.web.ConflictException;
import org.downtimebacklog.web.InvalidInputException;
import org.downtimebacklog.web.NotFoundException;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Downtime form packs: made for a ward of one of the caller's sites, each sheet registered ISSUED under the id printed
 * on it, and printed as a PDF. Making and printing a pack are both recorded in the audit trail.
 */
@Singleton
public class FormPackService {

    static final String ENTITY = "FORM_PACK";
    /** The most sheets in one pack: a print job a ward's printer finishes in minutes. Print several packs for more. */
    public static final int MAX_SHEETS = 200;

    private final FormPackRepository packs;
    private final FormSheetRepository sheets;
    private final OutageService outages;
    private final AuditService audit;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    FormPackService(FormPackRepository packs, FormSheetRepository sheets, OutageService outages, AuditService audit,
                    TransactionOperations<Connection> transactions, Clock clock) {
        this.packs = packs;
        this.sheets = sheets;
        this.outages = outages;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Makes a pack and registers its sheets as ISSUED to the ward. The site must be one of the caller's; an outage,
     * when named, must be one the caller sees (else 404), at that site, and still open (else 409).
     */
    @Transactional
    public FormPackResponse create(FormPackCreateRequest request, Caller caller) {
        String site = request.site();
        if (!caller.canAccessSite(site)) {
            throw InvalidInputException.of("site", "you do not work at " + site);
        }
        String outageReference = null;
        if (request.outageId() != null) {
            OutageResponse outage = outages.get(request.outageId(), caller);
            if (!outage.sites().contains(site)) {
                throw InvalidInputException.of("outageId", "outage " + outage.reference() + " is not at " + site);
            }
            if (outage.closedAt() != null) {
                throw new ConflictException("Outage " + outage.reference()
                        + " is closed; print a pack without an outage to keep in the ward's downtime box.");
            }
            outageReference = outage.reference();
        }
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        String ward = request.ward().strip();
        FormPack pack = packs.save(new FormPack(null, site, ward, request.kind(), request.count(), request.outageId(),
                caller.username(), now));
        List<FormSheet> issued = new ArrayList<>();
        for (int place = 1; place <= request.count(); place++) {
            issued.add(new FormSheet(null, SheetId.of(site, pack.id(), place), pack.id(), place, site, ward,
                    request.kind(), SheetStatus.ISSUED, request.outageId(), caller.username(), now, null, null, null, 1));
        }
        sheets.insertAll(issued);
        audit.record(caller, "FORM_PACK_CREATED", ENTITY, pack.id(), null, Changes.none()
                .set("site", site)
                .set("ward", ward)
                .set("kind", request.kind().name())
                .set("count", request.count())
                .set("outageId", request.outageId())
                .set("firstSheetId", issued.get(0).sheetId())
                .set("lastSheetId", issued.get(issued.size() - 1).sheetId()), null);
        return FormPackResponse.of(pack, issued, outageReference);
    }

    /** A pack at one of the caller's sites, with its sheets. */
    @Transactional(readOnly = true)
    public FormPackResponse get(long id, Caller caller) {
        return read(id, caller);
    }

    /**
     * The pack as a PDF to print: A4, one page per sheet. The download is recorded in the audit trail (a reprint puts
     * sheets with the same ids on paper a second time); the pages are drawn after the transaction.
     */
    public byte[] pdf(long id, Caller caller) {
        FormPackResponse pack = transactions.executeWrite(tx -> {
            FormPackResponse found = read(id, caller);
            audit.record(caller, "FORM_PACK_PRINTED", ENTITY, id, null, Changes.none()
                    .set("sheets", found.sheets().size()), null);
            return found;
        });
        return FormPackPdf.render(pack);
    }

    private FormPackResponse read(long id, Caller caller) {
        FormPack pack = packs.findById(id).filter(p -> caller.canAccessSite(p.site()))
                .orElseThrow(() -> new NotFoundException("Form pack " + id));
        return FormPackResponse.of(pack, sheets.findByPack(id), outageReference(pack.outageId(), caller));
    }

    private @Nullable String outageReference(@Nullable Long outageId, Caller caller) {
        return outageId == null ? null : outages.get(outageId, caller).reference();
    }
}

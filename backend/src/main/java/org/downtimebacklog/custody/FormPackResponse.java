package org.downtimebacklog.custody;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * A pack and its sheets in the order they are printed; {@code pdf} is where the printable pack is (A4, one page per
 * sheet).
 */
@Serdeable
public record FormPackResponse(long id, String site, String ward, FormKind kind, int count, @Nullable Long outageId,
                               @Nullable String outageReference, String createdBy, Instant createdAt, String pdf,
                               List<Sheet> sheets) {

    /** One sheet of the pack: the id printed on it, its place in the pack (from 1) and its status. */
    @Serdeable
    public record Sheet(String sheetId, int number, SheetStatus status) {
    }

    static FormPackResponse of(FormPack pack, List<FormSheet> sheets, @Nullable String outageReference) {
        return new FormPackResponse(pack.id(), pack.site(), pack.ward(), pack.kind(), pack.sheetCount(),
                pack.outageId(), outageReference, pack.createdBy(), pack.createdAt(),
                "/api/form-packs/" + pack.id() + "/pdf",
                sheets.stream().map(s -> new Sheet(s.sheetId(), s.sheetNo(), s.status())).toList());
    }
}

package org.downtimebacklog.exchange;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedProperty;

/** How far an import has gone: the data rows before {@code nextRow} are done, each stored, already there or refused. */
@Embeddable
record ImportProgress(@MappedProperty("next_row") int nextRow,
                      @MappedProperty("rows_stored") int stored,
                      @MappedProperty("rows_already") int already,
                      @MappedProperty("rows_refused") int refused) {

    static final ImportProgress NONE = new ImportProgress(0, 0, 0, 0);
}

package org.downtimebacklog.custody;

import org.downtimebacklog.web.ConflictException;
import org.downtimebacklog.web.ProblemException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.downtimebacklog.custody.SheetStatus.COMPLETE;
import static org.downtimebacklog.custody.SheetStatus.IN_USE;
import static org.downtimebacklog.custody.SheetStatus.ISSUED;
import static org.downtimebacklog.custody.SheetStatus.MISSING;
import static org.downtimebacklog.custody.SheetStatus.RETURNED_UNUSED;
import static org.downtimebacklog.custody.SheetStatus.VOIDED;

/** The sheet lifecycle's table, without the service. */
class SheetLifecycleTest {

    @Test
    void onlyTheMovesInTheTableAreLegal() {
        assertThatNoException().isThrownBy(() -> SheetLifecycle.checkLegal(ISSUED, RETURNED_UNUSED));
        assertThatNoException().isThrownBy(() -> SheetLifecycle.checkLegal(IN_USE, COMPLETE));
        assertThatNoException().isThrownBy(() -> SheetLifecycle.checkLegal(COMPLETE, COMPLETE));
        assertThatNoException().isThrownBy(() -> SheetLifecycle.checkLegal(MISSING, VOIDED));
        assertThatThrownBy(() -> SheetLifecycle.checkLegal(IN_USE, RETURNED_UNUSED)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> SheetLifecycle.checkLegal(COMPLETE, MISSING)).isInstanceOf(ConflictException.class);
        for (SheetStatus to : SheetStatus.values()) {
            assertThatThrownBy(() -> SheetLifecycle.checkLegal(VOIDED, to)).isInstanceOf(ConflictException.class);
        }
    }

    @Test
    void itemsMoveIssuedAndMissingSheetsIntoUseAndAreRefusedOnReturnedOrVoidedOnes() {
        assertThat(SheetLifecycle.afterItemLogged(ISSUED)).isEqualTo(IN_USE);
        assertThat(SheetLifecycle.afterItemLogged(MISSING)).isEqualTo(IN_USE);
        assertThat(SheetLifecycle.afterItemLogged(COMPLETE)).isEqualTo(COMPLETE);
        assertThatNoException().isThrownBy(() -> SheetLifecycle.checkTakesItems("S-X", MISSING));
        assertThatThrownBy(() -> SheetLifecycle.checkTakesItems("S-X", VOIDED))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("sheetId"));
        assertThatThrownBy(() -> SheetLifecycle.checkTakesItems("S-X", RETURNED_UNUSED)).isInstanceOf(ProblemException.class);
    }

    @Test
    void aFoundSheetGoesBackToUseOnlyWhenItemsNameItAndOnlyACompleteSheetCanMismatch() {
        assertThat(SheetLifecycle.found(MISSING, true)).isEqualTo(IN_USE);
        assertThat(SheetLifecycle.found(MISSING, false)).isEqualTo(ISSUED);
        assertThatThrownBy(() -> SheetLifecycle.found(IN_USE, true)).isInstanceOf(ConflictException.class);
        assertThat(SheetLifecycle.mismatch(COMPLETE, 3, 2)).isTrue();
        assertThat(SheetLifecycle.mismatch(COMPLETE, 2, 2)).isFalse();
        assertThat(SheetLifecycle.mismatch(IN_USE, null, 2)).isFalse();
        assertThat(SheetLifecycle.action(MISSING, IN_USE)).isEqualTo("SHEET_FOUND");
        assertThat(SheetLifecycle.action(ISSUED, IN_USE)).isEqualTo("SHEET_IN_USE");
    }
}

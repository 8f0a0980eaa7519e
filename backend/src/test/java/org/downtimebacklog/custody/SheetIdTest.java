package org.downtimebacklog.custody;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SheetIdTest {

    /** Every character a person could type in place of another: capitals, small letters, digits, signs, a space. */
    private static final String TYPED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_ ./*";

    @Test
    void theCheckCharacterIsIso7064Mod3736() {
        // the standard's own example
        assertThat(SheetId.checkCharacter("A12425GABC1234002")).isEqualTo('M');
        // the README's: pack 1, sheet 1 at RGH has serial 257, 0000081 in Crockford's base 32
        assertThat(SheetId.of("RGH", 1, 1)).isEqualTo("S-RGH-0000081-X");
    }

    @Test
    void idsHaveTheSiteWithoutSignsAPaddedSerialAndACheckCharacter() {
        assertThat(SheetId.of("WARD-B_2", 1, 200)).matches("S-WARDB2-00000[0-9A-Z]{2}-[0-9A-Z]");
        assertThat(SheetId.of("RGH", SheetId.PACKS - 1, 255)).matches("S-RGH-ZZZZZZZ-[0-9A-Z]");
        assertThat(SheetId.of("RGH", 7, 3)).isNotEqualTo(SheetId.of("RGH", 7, 4)).isNotEqualTo(SheetId.of("RGH", 8, 3));
        assertThatThrownBy(() -> SheetId.of("RGH", 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SheetId.of("RGH", 1, 256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SheetId.of("RGH", SheetId.PACKS, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everySingleCharacterTypedWrongIsCaught() {
        List<String> ids = new ArrayList<>();
        for (String site : new String[]{"RGH", "A", "WARD-B_2", "Z9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z9"}) {
            for (long pack : new long[]{1, 2, 31, 32, 1000, 123_456, 4_194_303, SheetId.PACKS - 1}) {
                for (int place : new int[]{1, 2, 100, 200, 255}) {
                    ids.add(SheetId.of(site, pack, place));
                }
            }
        }
        int tried = 0;
        for (String id : ids) {
            assertThat(SheetId.isValid(id)).as(id).isTrue();
            assertThat(SheetId.isWellFormed(id)).as(id).isTrue();
            for (int position = 0; position < id.length(); position++) {
                for (char typed : TYPED.toCharArray()) {
                    if (typed == id.charAt(position)) {
                        continue;
                    }
                    String wrong = id.substring(0, position) + typed + id.substring(position + 1);
                    assertThat(SheetId.isValid(wrong)).as(wrong + " for " + id).isFalse();
                    tried++;
                }
            }
        }
        assertThat(tried).isGreaterThan(100_000);
    }

    @Test
    void neighboursSwappedAreCaughtNearlyAlways() {
        int swaps = 0;
        int caught = 0;
        for (long pack = 1; pack < 2000; pack += 7) {
            String id = SheetId.of("RGH", pack, 1 + (int) (pack % 200));
            for (int i = 0; i + 1 < id.length(); i++) {
                if (id.charAt(i) == id.charAt(i + 1)) {
                    continue;
                }
                String swapped = id.substring(0, i) + id.charAt(i + 1) + id.charAt(i) + id.substring(i + 2);
                swaps++;
                if (!SheetId.isValid(swapped)) {
                    caught++;
                }
            }
        }
        System.out.println("sheet ids: " + caught + " of " + swaps + " swaps of neighbours caught");
        assertThat((double) caught / swaps).isGreaterThan(0.95);
    }

    @Test
    void typedIdsAreReadInAnyCaseAndWithoutSurroundingBlanks() {
        String id = SheetId.of("RGH", 12, 3);
        assertThat(SheetId.normalise("  " + id.toLowerCase() + "\n")).isEqualTo(id);
        assertThat(SheetId.isValid(id.toLowerCase())).isFalse();
        assertThat(SheetId.isWellFormed("MAR-7-0042")).isFalse();
        assertThat(SheetId.isValid("")).isFalse();
    }
}

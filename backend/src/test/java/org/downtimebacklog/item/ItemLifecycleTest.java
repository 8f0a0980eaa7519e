package org.downtimebacklog.item;

import org.downtimebacklog.security.Caller;
import org.downtimebacklog.security.Role;
import org.downtimebacklog.web.AccessDeniedException;
import org.downtimebacklog.web.ConflictException;
import org.downtimebacklog.web.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every move between any two statuses, for every kind of person, against one table: the move is made (ok), refused
 * for the role (403) or illegal from that status (409). The HTTP tests check the same rules end to end.
 */
class ItemLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static final Caller ASSIGNEE = person(1, "ann", Role.CLERK);
    private static final Caller CLERK = person(2, "bob", Role.CLERK);
    private static final Caller LEAD = person(3, "lee", Role.TEAM_LEAD);
    private static final Caller AUDITOR = person(4, "aud", Role.AUDITOR);
    private static final List<Caller> PEOPLE = List.of(ASSIGNEE, CLERK, LEAD, AUDITOR);

    /** The legal moves; any other pair is 409 for everyone. Columns: assignee, another clerk, team lead, auditor. */
    private static final String TABLE = """
            LOGGED   READY        409 409 409 403
            LOGGED   DUPLICATE    403 403 ok  403
            LOGGED   NOT_REQUIRED 403 403 ok  403
            READY    ASSIGNED     409 409 409 403
            READY    ON_HOLD      403 403 ok  403
            READY    DUPLICATE    403 403 ok  403
            READY    NOT_REQUIRED 403 403 ok  403
            ASSIGNED ENTERED      ok  403 403 403
            ASSIGNED READY        ok  403 ok  403
            ASSIGNED ON_HOLD      ok  403 ok  403
            ASSIGNED DUPLICATE    403 403 ok  403
            ASSIGNED NOT_REQUIRED 403 403 ok  403
            ON_HOLD  READY        ok  ok  ok  403
            ON_HOLD  DUPLICATE    403 403 ok  403
            ON_HOLD  NOT_REQUIRED 403 403 ok  403
            ENTERED  VERIFIED     403 ok  ok  403
            """;

    @Test
    void everyMoveForEveryRoleFollowsTheTable() {
        Map<String, List<String>> legal = new HashMap<>();
        TABLE.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(line -> {
            String[] f = line.split("\\s+");
            legal.put(f[0] + ">" + f[1], List.of(f[2], f[3], f[4], f[5]));
        });
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (ItemStatus from : ItemStatus.values()) {
            for (ItemStatus to : ItemStatus.values()) {
                List<String> expected = legal.getOrDefault(from + ">" + to, List.of("409", "409", "409", "409"));
                for (int p = 0; p < PEOPLE.size(); p++) {
                    String actual = outcome(item(from), to, PEOPLE.get(p));
                    checked++;
                    if (!actual.equals(expected.get(p))) {
                        mismatches.add(from + " -> " + to + " by " + PEOPLE.get(p).username() + ": expected "
                                + expected.get(p) + ", got " + actual);
                    }
                }
            }
        }
        assertEquals(8 * 8 * 4, checked);
        assertEquals(List.of(), mismatches);
    }

    @Test
    void enteredClosesAtOnceOnlyWithoutASecondCheck() {
        ItemState checked = ItemLifecycle.move(item(ItemStatus.ASSIGNED), request(ItemStatus.ENTERED), ASSIGNEE, true, NOW);
        assertEquals(ItemStatus.ENTERED, checked.status());
        assertEquals("ann", checked.enteredBy());
        assertEquals("EMAR-1", checked.externalReference());
        assertNull(checked.closedAt(), "waits for verification");
        ItemState unchecked = ItemLifecycle.move(item(ItemStatus.ASSIGNED), request(ItemStatus.ENTERED), ASSIGNEE, false, NOW);
        assertEquals(NOW, unchecked.closedAt());
        assertTrue(ItemLifecycle.isClosed(ItemStatus.ENTERED, false));
        assertTrue(!ItemLifecycle.isClosed(ItemStatus.ENTERED, true));
    }

    @Test
    void verifiedKeepsWhoEnteredItAndNamesTheChecker() {
        ItemState verified = ItemLifecycle.move(item(ItemStatus.ENTERED), request(ItemStatus.VERIFIED), CLERK, true, NOW);
        assertEquals("ann", verified.enteredBy());
        assertEquals("bob", verified.verifiedBy());
        assertEquals(NOW, verified.closedAt());
    }

    @Test
    void movesThatNeedSomethingAreRefusedWithoutIt() {
        TransitionRequest bare = new TransitionRequest(ItemStatus.ENTERED, null, null, null);
        assertField(() -> ItemLifecycle.move(item(ItemStatus.ASSIGNED), bare, ASSIGNEE, true, NOW), "externalReference");
        assertField(() -> ItemLifecycle.move(item(ItemStatus.READY),
                new TransitionRequest(ItemStatus.ON_HOLD, " ", null, null), LEAD, true, NOW), "reason");
        assertField(() -> ItemLifecycle.move(item(ItemStatus.READY),
                new TransitionRequest(ItemStatus.NOT_REQUIRED, null, null, null), LEAD, true, NOW), "reason");
        assertField(() -> ItemLifecycle.move(item(ItemStatus.READY),
                new TransitionRequest(ItemStatus.DUPLICATE, null, null, null), LEAD, true, NOW), "duplicateOf");
        assertField(() -> ItemLifecycle.move(item(ItemStatus.READY),
                new TransitionRequest(ItemStatus.DUPLICATE, null, null, 7L), LEAD, true, NOW), "duplicateOf");
    }

    @Test
    void onlySomeoneAtTheSiteAndInTheSystemCanBeGivenAnItem() {
        Caller elsewhere = new Caller(9, "eve", Set.of(Role.CLERK), Set.of("OTHER"), Set.of("LIMS"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ItemLifecycle.assigned(item(ItemStatus.READY), elsewhere, NOW));
        assertEquals(2, e.violations().size());
        ItemState assigned = ItemLifecycle.assigned(item(ItemStatus.READY), CLERK, NOW);
        assertEquals("bob", assigned.assignedTo());
        assertThrows(ConflictException.class, () -> ItemLifecycle.assigned(item(ItemStatus.ON_HOLD), CLERK, NOW));
    }

    @Test
    void releaseIsForTheHolderOrATeamLeadAndOnlyWhenHeld() {
        assertEquals(ItemStatus.READY, ItemLifecycle.released(item(ItemStatus.ASSIGNED), ASSIGNEE, null).status());
        assertEquals(ItemStatus.READY, ItemLifecycle.released(item(ItemStatus.ASSIGNED), LEAD, "cover").status());
        assertThrows(AccessDeniedException.class, () -> ItemLifecycle.released(item(ItemStatus.ASSIGNED), CLERK, null));
        assertThrows(ConflictException.class, () -> ItemLifecycle.released(item(ItemStatus.READY), LEAD, null));
    }

    @Test
    void onlyATeamLeadWhoNeitherHoldsNorEnteredItMayRemoveTheSecondCheckAndOnlyWithAReason() {
        for (ItemStatus status : List.of(ItemStatus.ASSIGNED, ItemStatus.ENTERED)) {
            Item item = item(status);
            assertThrows(AccessDeniedException.class, () -> ItemLifecycle.checkSecondCheckMayGo(item, ASSIGNEE, "misfiled"));
            assertThrows(AccessDeniedException.class, () -> ItemLifecycle.checkSecondCheckMayGo(item, CLERK, "misfiled"));
            Caller leadWhoHoldsIt = new Caller(1, "ann", Set.of(Role.TEAM_LEAD), Set.of("RGH"), Set.of("EMAR"));
            assertThrows(AccessDeniedException.class,
                    () -> ItemLifecycle.checkSecondCheckMayGo(item, leadWhoHoldsIt, "misfiled"));
            assertField(() -> ItemLifecycle.checkSecondCheckMayGo(item, LEAD, " "), "reason");
            ItemLifecycle.checkSecondCheckMayGo(item, LEAD, "obs chart filed as MAR");
        }
    }

    private static String outcome(Item item, ItemStatus to, Caller who) {
        try {
            ItemState next = ItemLifecycle.move(item, request(to), who, true, NOW);
            assertEquals(to, next.status());
            assertNotNull(next);
            return "ok";
        } catch (AccessDeniedException e) {
            return String.valueOf(e.status().getCode());
        } catch (ConflictException e) {
            return "409";
        }
    }

    private static TransitionRequest request(ItemStatus to) {
        return new TransitionRequest(to, "a reason", "EMAR-1", 99L);
    }

    private static void assertField(org.junit.jupiter.api.function.Executable move, String field) {
        InvalidInputException e = assertThrows(InvalidInputException.class, move);
        assertEquals(field, e.violations().get(0).field());
    }

    /** An item in the given status; when someone holds or entered it, that is ann. */
    static Item item(ItemStatus status) {
        boolean held = status == ItemStatus.ASSIGNED || status == ItemStatus.ENTERED;
        ItemState state = new ItemState(status, held ? "ann" : null, held ? NOW : null,
                status == ItemStatus.ENTERED ? "EMAR-1" : null, status == ItemStatus.ENTERED ? "ann" : null,
                status == ItemStatus.ENTERED ? NOW : null, null, null, null, null, null);
        CapturedFields captured = new CapturedFields(1L, "RGH", "Ward 7", Category.MEDICATION_ADMINISTRATION, "EMAR",
                new Patient("9434765919", null, "Jane Example", LocalDate.of(1950, 3, 2)), NOW.minusSeconds(3600),
                "Staff Nurse Able", CareRole.NURSE, null, null, null, "Paracetamol 1 g oral", null, false, PatientStatus.INPATIENT);
        return new Item(7L, captured, state, new ItemPriority(70, 1, "medication administration", null, null),
                NOW, "clerk", NOW, 3);
    }

    private static Caller person(long id, String username, Role role) {
        return new Caller(id, username, Set.of(role), Set.of("RGH"), Set.of("EMAR"));
    }
}

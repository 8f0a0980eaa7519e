package org.downtimebacklog.item;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ItemSortTest {

    @Test
    void eachFieldSortsByItsColumnThenIdEitherWay() {
        assertEquals("logged_at DESC, id DESC", ItemSort.parse(ItemSort.DEFAULT).orderBy());
        assertEquals("id DESC", ItemSort.parse("-id").orderBy());
        ItemSort.COLUMNS.forEach((field, column) -> {
            if (!field.equals("priority") && !field.equals("id")) {
                assertEquals(column + ", id", ItemSort.parse(field).orderBy());
                assertEquals(column + " DESC, id DESC", ItemSort.parse("-" + field).orderBy());
            }
        });
        assertEquals("target_system DESC, id DESC", ItemSort.parse("-targetSystem").orderBy());
    }

    @Test
    void priorityIsTheQueuesOrderAndItsReverse() {
        assertEquals(QueueOrder.SQL, ItemSort.parse("priority").orderBy());
        assertEquals("priority_band, queue_rank DESC, occurred_at, id", QueueOrder.SQL);
        assertEquals("priority_band DESC, queue_rank, occurred_at DESC, id DESC", ItemSort.parse("-priority").orderBy());
    }

    @Test
    void anythingElseIsRefused() {
        assertNull(ItemSort.parse("summary"));
        assertNull(ItemSort.parse("-"));
        assertNull(ItemSort.parse(""));
        assertNull(ItemSort.parse("--loggedAt"));
        assertNull(ItemSort.parse("loggedAt; DROP TABLE item"));
    }
}

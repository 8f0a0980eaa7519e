package org.downtimebacklog.item;

/** Where an item is in back-entry. An item is LOGGED when captured. */
public enum ItemStatus {
    LOGGED
}

package org.downtimebacklog.item;

/** What kind of paper-recorded activity an item is. */
public enum Category {
    MEDICATION_ADMINISTRATION,
    OBSERVATIONS,
    ORDER,
    RESULT,
    ADMISSION,
    DISCHARGE,
    TRANSFER,
    CLINICAL_NOTE,
    PRESCRIPTION,
    OTHER
}

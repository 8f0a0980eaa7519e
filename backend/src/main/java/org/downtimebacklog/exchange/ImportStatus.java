package org.downtimebacklog.exchange;

/**
 * Where an import is: its file arriving in parts (UPLOADING), whole and read (UPLOADED), waiting for a node to run it
 * (QUEUED), running (RUNNING), finished (DONE), stopped by something no row could fix (FAILED), or dropped before it
 * started, its file deleted (DISCARDED).
 */
public enum ImportStatus {
    UPLOADING, UPLOADED, QUEUED, RUNNING, DONE, FAILED, DISCARDED
}

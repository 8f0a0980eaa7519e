package org.downtimebacklog.item;

/** What one chunk of a release did: how many items it released, and their highest id, where the next chunk reads on. */
public record ReleasedChunk(int count, long lastId) {
}

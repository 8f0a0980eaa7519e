package org.downtimebacklog.item;

/** What one chunk of a release did: how many items it released, and the highest id among them (where the next reads on). */
public record ReleasedChunk(int count, long lastId) {
}

package org.downtimebacklog.audit;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The audit trail's hash chain. Events are written as before, in the transaction of what they record; a sealer then
 * links them, in the order it finds them, into a chain where each seal's hash covers the previous seal's hash and the
 * event's whole content. Changing, removing or reordering a sealed event, or removing a seal, breaks the chain from
 * that point, which {@link #verify()} reports. The patient values of an event are not hashed themselves but through
 * their digest ({@link AuditEvent}): retention may remove them, and the chain still verifies; while they are held,
 * verification checks them against the digest, so changing them shows as well. Sealing after the fact keeps the chain off the path of every audited
 * write, so that several nodes never queue behind one lock to log items.
 */
@Singleton
public class AuditChain {

    static final int BATCH = 500;
    /** How far below the last sealed event the sealer looks for events that committed late (ids are not commit order). */
    private static final long LATE_WINDOW = 1_000;
    private static final String GENESIS = "0".repeat(64);

    private final AuditSealRepository seals;
    private final Clock clock;

    AuditChain(AuditSealRepository seals, Clock clock) {
        this.seals = seals;
        this.clock = clock;
    }

    /** Seals the next batch of unsealed events; returns how many. Runs on any node; nodes take turns on the last seal. */
    @Transactional
    public int sealNext() {
        AuditSeal last = seals.lastForUpdate().orElse(null);
        long floor = last == null ? 0 : Math.max(0, last.auditId() - LATE_WINDOW);
        List<AuditEvent> events = seals.unsealed(floor, BATCH);
        if (events.isEmpty()) {
            return 0;
        }
        long seq = last == null ? 0 : last.seq();
        String hash = last == null ? GENESIS : last.hash();
        Instant now = Instant.now(clock);
        List<AuditSeal> links = new ArrayList<>(events.size());
        for (AuditEvent event : events) {
            hash = link(hash, event);
            links.add(new AuditSeal(++seq, event.id(), hash, now));
        }
        seals.saveAll(links);
        return links.size();
    }

    /** Walks the chain from its first seal, recomputing every hash from the events as they are stored now. */
    @Transactional(readOnly = true)
    public ChainVerification verify() {
        long expectedSeq = 1;
        String hash = GENESIS;
        long checked = 0;
        while (true) {
            List<AuditSeal> page = seals.sealsAfter(expectedSeq - 1, BATCH);
            if (page.isEmpty()) {
                break;
            }
            Map<Long, AuditEvent> events = seals.events(page.stream().map(AuditSeal::auditId).toList()).stream()
                    .collect(Collectors.toMap(AuditEvent::id, Function.identity()));
            for (AuditSeal seal : page) {
                if (seal.seq() != expectedSeq) {
                    return broken(checked, expectedSeq, "seal " + expectedSeq + " is missing");
                }
                AuditEvent event = events.get(seal.auditId());
                if (event == null) {
                    return broken(checked, seal.seq(), "audit event " + seal.auditId() + " sealed at " + seal.seq()
                            + " is missing");
                }
                if (!heldValuesMatch(event)) {
                    return broken(checked, seal.seq(), "audit event " + seal.auditId() + " sealed at " + seal.seq()
                            + " holds patient values that do not match their digest: they were changed");
                }
                hash = link(hash, event);
                if (!hash.equals(seal.hash())) {
                    return broken(checked, seal.seq(), "audit event " + seal.auditId() + " sealed at " + seal.seq()
                            + " does not match its seal: it or an earlier link was changed");
                }
                checked++;
                expectedSeq++;
            }
        }
        return new ChainVerification(true, checked, seals.countUnsealed(), checked, hash, null, null);
    }

    private ChainVerification broken(long checked, long seq, String problem) {
        return new ChainVerification(false, checked, seals.countUnsealed(), checked, null, seq, problem);
    }

    /** Patient values held apart only with their digest, and matching it; none held (never, or removed) is fine. */
    private static boolean heldValuesMatch(AuditEvent e) {
        return e.patientChanges() == null
                || e.patientDigest() != null && e.patientDigest().equals(digest(e.patientChanges()));
    }

    /** SHA-256 of the text, in hex: the digest of an event's patient values. */
    static String digest(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * SHA-256 over the previous hash and each field of the event, every field length-prefixed so none can run into the
     * next; for an event whose patient values are held apart, their digest last (an event without, as every event
     * before they were, hashes as it always did).
     */
    static String link(String previous, AuditEvent e) {
        MessageDigest digest = sha256();
        update(digest, previous);
        update(digest, String.valueOf(e.id()));
        update(digest, e.occurredAt().toString());
        update(digest, e.actorId() == null ? null : String.valueOf(e.actorId()));
        update(digest, e.actorUsername());
        update(digest, e.action());
        update(digest, e.entityType());
        update(digest, String.valueOf(e.entityId()));
        update(digest, e.itemId() == null ? null : String.valueOf(e.itemId()));
        update(digest, e.changes());
        update(digest, e.reason());
        if (e.patientDigest() != null) {
            update(digest, e.patientDigest());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String field) {
        if (field == null) {
            digest.update(new byte[]{-1, -1, -1, -1});
            return;
        }
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        digest.update(new byte[]{(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
                (byte) bytes.length});
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

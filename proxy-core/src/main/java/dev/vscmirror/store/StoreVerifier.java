package dev.vscmirror.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Checks a store against itself: every exchange's body blob exists with the recorded size and SHA-256,
 * every exchange has its journal entry and every journal entry names an existing exchange. Each distinct
 * blob is hashed once. Blocking; reads every body, so it takes as long as reading the blobs.
 */
public final class StoreVerifier {
    /**
     * What a verification found.
     *
     * @param exchanges exchanges checked
     * @param blobs     distinct blobs hashed
     * @param blobBytes bytes hashed
     * @param problems  one line per problem, naming the request key and the blob file; empty when all holds
     */
    public record Report(long exchanges, long blobs, long blobBytes, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private StoreVerifier() {
    }

    /**
     * Verifies {@code store}; {@code bytesHashed} receives a running total of hashed bytes (for progress).
     */
    public static Report verify(ContentStore store, LongConsumer bytesHashed) {
        List<String> problems = new ArrayList<>();
        Map<String, Long> sequenceByKey = new HashMap<>();
        Map<String, String> blobFirstUser = new HashMap<>();
        List<RecordedExchange> withBodies = new ArrayList<>();
        long[] count = {0};
        store.forEachExchangeWithSequence((e, seq) -> {
            count[0]++;
            sequenceByKey.put(e.requestKey(), seq);
            if (e.bodySha256() != null && blobFirstUser.putIfAbsent(e.bodySha256(), e.requestKey()) == null) {
                withBodies.add(e);
            }
        });
        Set<String> journalKeys = new HashSet<>();
        store.forEachJournal(0, (seq, key) -> {
            journalKeys.add(key);
            Long stored = sequenceByKey.get(key);
            if (stored == null) {
                problems.add("journal entry " + seq + " names a missing exchange: " + key);
            } else if (stored != seq.longValue()) {
                problems.add("journal entry " + seq + " is stale: exchange " + key + " has sequence " + stored);
            }
        });
        sequenceByKey.keySet().stream().filter(k -> !journalKeys.contains(k)).sorted()
                .forEach(k -> problems.add("exchange has no journal entry: " + k));
        long[] hashed = {0};
        for (RecordedExchange e : withBodies) {
            String problem = checkBlob(store.blobPath(e.bodySha256()), e, hashed, bytesHashed);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return new Report(count[0], withBodies.size(), hashed[0], List.copyOf(problems));
    }

    private static String checkBlob(Path file, RecordedExchange e, long[] hashed, LongConsumer progress) {
        String who = " (exchange " + e.requestKey() + ")";
        try {
            long size = Files.size(file);
            if (size != e.bodySize()) {
                return "blob " + file + " has " + size + " bytes, expected " + e.bodySize() + who;
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            try (InputStream in = Files.newInputStream(file)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                    hashed[0] += n;
                    progress.accept(hashed[0]);
                }
            }
            String actual = java.util.HexFormat.of().formatHex(digest.digest());
            return actual.equals(e.bodySha256()) ? null : "blob " + file + " has SHA-256 " + actual + who;
        } catch (NoSuchFileException missing) {
            return "blob " + file + " is missing" + who;
        } catch (IOException io) {
            return "blob " + file + " cannot be read: " + io.getMessage() + who;
        } catch (NoSuchAlgorithmException nsa) {
            throw new IllegalStateException("SHA-256 missing from the JDK", nsa);
        }
    }
}

package dev.vscmirror.update;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vscmirror.catalog.CatalogJson;
import dev.vscmirror.catalog.CatalogKeys;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recorded update-service knowledge, in memory (protocol §5): builds per (platform, quality) ordered by
 * {@code timestamp}, up-to-date answers, download redirects and stored build files. Loaded from and kept live by
 * {@code updates} rows ({@link UpdateRows}). Thread-safe.
 */
public final class UpdateIndex {
    /** One recorded build: the update JSON as recorded ({@code url, name, version, productVersion, timestamp, …}). */
    public record Build(String platform, String quality, String commit, long timestamp, long recordedAt,
            JsonNode json) {
        public String productVersion() {
            String pv = CatalogJson.text(json, "productVersion");
            return pv != null ? pv : CatalogJson.text(json, "name");
        }

        public String url() {
            return CatalogJson.text(json, "url");
        }
    }

    /** A recorded download redirect. */
    public record Download(String location, int status, long recordedAt) {
    }

    private final Map<String, Map<String, Build>> builds = new HashMap<>();   // "platform\0quality" → commit → build
    private final Map<String, Long> upToDate = new HashMap<>();               // "platform\0quality\0commit" → recordedAt
    private final Map<String, Download> downloads = new HashMap<>();          // "platform\0quality\0ref"
    private final Map<String, String> files = new HashMap<>();                // url → requestKey

    /**
     * Applies one {@code updates} row.
     *
     * @throws IllegalArgumentException when the row is malformed (the caller logs and skips it)
     */
    public synchronized void apply(byte[] key, byte[] value) {
        List<String> p = CatalogKeys.parts(key);
        JsonNode v;
        try {
            v = CatalogJson.MAPPER.readTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("updates row value is not JSON: " + e.getMessage(), e);
        }
        long recordedAt = v.path("recordedAt").asLong(0);
        switch (CatalogKeys.type(key)) {
            case UpdateRows.BUILD -> {
                Map<String, Build> byCommit = builds.computeIfAbsent(p.get(0) + '\0' + p.get(1), k -> new HashMap<>());
                Build old = byCommit.get(p.get(2));
                if (old == null || old.recordedAt() <= recordedAt) {
                    byCommit.put(p.get(2), new Build(p.get(0), p.get(1), p.get(2), v.path("timestamp").asLong(0),
                            recordedAt, v.path("build")));
                }
            }
            case UpdateRows.UP_TO_DATE -> upToDate.merge(String.join("\0", p), recordedAt, Math::max);
            case UpdateRows.DOWNLOAD -> downloads.merge(String.join("\0", p),
                    new Download(v.path("location").asText(), v.path("status").asInt(302), recordedAt),
                    (a, b) -> b.recordedAt() >= a.recordedAt() ? b : a);
            case UpdateRows.FILE -> files.put(v.path("url").asText(), v.path("requestKey").asText());
            default -> throw new IllegalArgumentException("not an updates row: type " + CatalogKeys.type(key));
        }
    }

    public synchronized void clear() {
        builds.clear();
        upToDate.clear();
        downloads.clear();
        files.clear();
    }

    /** @return the newest build (greatest timestamp) recorded for the platform and quality */
    public synchronized Optional<Build> newest(String platform, String quality) {
        Map<String, Build> byCommit = builds.get(platform + '\0' + quality);
        if (byCommit == null) {
            return Optional.empty();
        }
        return byCommit.values().stream().max(Comparator.comparingLong(Build::timestamp)
                .thenComparingLong(Build::recordedAt));
    }

    /** @return the build of that commit for the platform and quality */
    public synchronized Optional<Build> build(String platform, String quality, String commit) {
        Map<String, Build> byCommit = builds.get(platform + '\0' + quality);
        return byCommit == null ? Optional.empty() : Optional.ofNullable(byCommit.get(commit));
    }

    /** @return the build timestamp of a commit of that quality on any platform */
    public synchronized Optional<Long> commitTimestamp(String quality, String commit) {
        for (Map.Entry<String, Map<String, Build>> e : builds.entrySet()) {
            if (e.getKey().endsWith("\0" + quality) && e.getValue().containsKey(commit)) {
                return Optional.of(e.getValue().get(commit).timestamp());
            }
        }
        return Optional.empty();
    }

    /** @return when upstream last answered 204 ("up to date") to that caller commit, if ever */
    public synchronized Optional<Long> upToDateAt(String platform, String quality, String commit) {
        return Optional.ofNullable(upToDate.get(platform + '\0' + quality + '\0' + commit));
    }

    /** @return the builds of a quality on every platform, newest first */
    public synchronized List<Build> builds(String quality) {
        List<Build> out = new ArrayList<>();
        builds.forEach((k, v) -> {
            if (k.endsWith("\0" + quality)) {
                out.addAll(v.values());
            }
        });
        out.sort(Comparator.comparingLong(Build::timestamp).reversed());
        return out;
    }

    /** @return the recorded redirect of {@code /{ref}/{platform}/{quality}} (ref: commit:…, latest or a version) */
    public synchronized Optional<Download> download(String platform, String quality, String ref) {
        return Optional.ofNullable(downloads.get(platform + '\0' + quality + '\0' + ref));
    }

    /** @return true when the file at this absolute URL was stored */
    public synchronized boolean hasFile(String url) {
        return files.containsKey(url);
    }

    /** @return the number of builds recorded */
    public synchronized int buildCount() {
        return builds.values().stream().mapToInt(Map::size).sum();
    }
}

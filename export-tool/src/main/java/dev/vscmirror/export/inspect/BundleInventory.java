package dev.vscmirror.export.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vscmirror.export.bundle.BlobEntry;
import dev.vscmirror.export.bundle.BundleFiles;
import dev.vscmirror.export.bundle.BundleVerifier;
import dev.vscmirror.export.bundle.JsonLines;
import dev.vscmirror.export.bundle.Manifest;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a bundle holds, for people and scripts: extensions (publisher.name, versions, platforms, bytes), VS
 * Code builds (quality, commit, file, bytes, and version/platform from recorded update answers), other files
 * by host. Reads the manifest and the JSON Lines files; does not verify (that is {@code verify}).
 */
public final class BundleInventory {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UPDATE = Pattern.compile("/api/update/([^/]+)/([^/]+)/([^/?]+)");
    private static final int SMALL_BODY = 64 * 1024;

    private BundleInventory() {
    }

    public static ObjectNode of(Path dir) throws IOException {
        Manifest m = Manifest.parse(Files.readAllBytes(dir.resolve(BundleFiles.MANIFEST)));
        Map<String, BlobEntry> carried = new HashMap<>();
        BundleVerifier.readBlobIndex(dir).forEach(b -> carried.put(b.sha256(), b));
        Map<String, TreeMap<String, long[]>> extBytes = new TreeMap<>();
        Map<String, TreeMap<String, TreeSet<String>>> extPlatforms = new TreeMap<>();
        ArrayNode builds = JSON.createArrayNode();
        ArrayNode updates = JSON.createArrayNode();
        Map<String, long[]> other = new TreeMap<>();
        Set<String> counted = new HashSet<>();
        JsonLines.read(dir.resolve(BundleFiles.EXCHANGES), n -> {
            String url = n.path("url").asText();
            String sha = n.path("bodySha256").isNull() ? null : n.path("bodySha256").asText(null);
            long size = sha != null && counted.add(sha) ? n.path("bodySize").asLong() : 0;
            var ext = AssetUrl.extension(url);
            var build = AssetUrl.build(url);
            Matcher upd = UPDATE.matcher(url);
            if (ext.isPresent() && ext.get().version() != null) {
                var e = ext.get();
                extBytes.computeIfAbsent(e.id(), k -> new TreeMap<>()).computeIfAbsent(e.version(), k -> new long[1])[0] += size;
                extPlatforms.computeIfAbsent(e.id(), k -> new TreeMap<>()).computeIfAbsent(e.version(), k -> new TreeSet<>())
                        .add(e.platform() == null ? "universal" : e.platform());
            } else if (build.isPresent()) {
                builds.addObject().put("quality", build.get().quality()).put("commit", build.get().commit())
                        .put("file", build.get().file()).put("bytes", n.path("bodySize").asLong());
            } else if (upd.find() && n.path("status").asInt() == 200) {
                ObjectNode u = updates.addObject().put("platform", upd.group(1)).put("quality", upd.group(2));
                JsonNode body = smallJson(dir, carried.get(sha));
                if (body != null) {
                    u.put("version", body.path("productVersion").asText(null)).put("commit", body.path("version").asText(null))
                            .put("url", body.path("url").asText(null));
                }
            } else {
                long[] c = other.computeIfAbsent(AssetUrl.host(url), k -> new long[2]);
                c[0]++;
                c[1] += size;
            }
        });
        ObjectNode out = JSON.createObjectNode();
        out.put("bundle", dir.toString()).put("storeId", m.storeId()).put("sinceSequence", m.sinceSequence())
                .put("toSequence", m.toSequence()).put("created", m.created().toString()).put("partial", m.partial())
                .put("signed", Files.isRegularFile(dir.resolve(BundleFiles.SIGNATURE)))
                .put("exchanges", m.counts().exchanges()).put("blobsCarried", m.counts().blobsCarried())
                .put("blobBytesCarried", m.counts().blobBytesCarried()).put("blobsExpected", m.counts().blobsExpected());
        ArrayNode exts = out.putArray("extensions");
        extBytes.forEach((id, versions) -> {
            ObjectNode e = exts.addObject().put("id", id);
            ArrayNode vs = e.putArray("versions");
            versions.descendingMap().forEach((v, bytes) -> {
                ObjectNode vn = vs.addObject().put("version", v).put("bytes", bytes[0]);
                extPlatforms.get(id).get(v).forEach(vn.putArray("platforms")::add);
            });
        });
        out.set("builds", builds);
        out.set("updateAnswers", updates);
        ArrayNode others = out.putArray("otherFiles");
        other.forEach((host, c) -> others.addObject().put("host", host).put("exchanges", c[0]).put("bytes", c[1]));
        return out;
    }

    /** The body of a small carried blob parsed as JSON, or null. Gzip bodies are skipped. */
    private static JsonNode smallJson(Path dir, BlobEntry blob) {
        if (blob == null || blob.size() > SMALL_BODY) {
            return null;
        }
        byte[] bytes = new byte[(int) blob.size()];
        int at = 0;
        try {
            for (BlobEntry.Piece p : blob.pieces()) {
                try (RandomAccessFile f = new RandomAccessFile(dir.resolve(p.part()).toFile(), "r")) {
                    f.seek(p.offset());
                    f.readFully(bytes, at, (int) p.length());
                    at += (int) p.length();
                }
            }
            return JSON.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

package dev.vscmirror.export.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code manifest.json}: what a bundle holds.
 *
 * @param storeId        id of the store the bundle was exported from
 * @param sinceSequence  the bundle holds that store's journal entries after this sequence (0: from the start)
 * @param toSequence     … up to and including this one (the store's last sequence when the export began)
 * @param partial        true when {@code --include} filtered the exchanges (then no derived rows travel and
 *                       the import does not count the range as imported)
 * @param includes       the include patterns of a partial bundle
 * @param created        when the export began
 * @param tool           tool name and version
 * @param partSize       the largest size of a part file in bytes
 * @param counts         exchanges, derivedRows, blobsCarried, blobBytesCarried, blobsExpected
 * @param files          every file of the bundle but the manifest and its signature
 * @param blobsExpected  SHA-256 of blobs the exchanges need that were carried by earlier bundles
 */
public record Manifest(String storeId, long sinceSequence, long toSequence, boolean partial, List<String> includes,
        Instant created, String tool, long partSize, Counts counts, List<FileEntry> files, List<String> blobsExpected) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Manifest {
        includes = List.copyOf(includes);
        files = List.copyOf(files);
        blobsExpected = List.copyOf(blobsExpected);
    }

    /** Counts of a bundle. */
    public record Counts(long exchanges, long derivedRows, long blobsCarried, long blobBytesCarried, long blobsExpected) {
    }

    public byte[] toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", BundleFiles.FORMAT);
        n.put("formatVersion", BundleFiles.FORMAT_VERSION);
        n.put("storeId", storeId);
        n.put("sinceSequence", sinceSequence);
        n.put("toSequence", toSequence);
        n.put("partial", partial);
        ArrayNode inc = n.putArray("includes");
        includes.forEach(inc::add);
        n.put("created", created.toString());
        n.put("tool", tool);
        n.put("partSize", partSize);
        ObjectNode c = n.putObject("counts");
        c.put("exchanges", counts.exchanges());
        c.put("derivedRows", counts.derivedRows());
        c.put("blobsCarried", counts.blobsCarried());
        c.put("blobBytesCarried", counts.blobBytesCarried());
        c.put("blobsExpected", counts.blobsExpected());
        ArrayNode f = n.putArray("files");
        for (FileEntry e : files) {
            f.addObject().put("name", e.name()).put("size", e.size()).put("sha256", e.sha256());
        }
        ArrayNode exp = n.putArray("blobsExpected");
        blobsExpected.forEach(exp::add);
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise manifest", e);
        }
    }

    /** Parses a manifest; throws {@link BundleException} naming what is wrong. */
    public static Manifest parse(byte[] json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (!BundleFiles.FORMAT.equals(n.path("format").asText())) {
                throw new BundleException("manifest.json: not a vscmirror bundle manifest (format "
                        + n.path("format").asText("missing") + ")");
            }
            int version = n.path("formatVersion").asInt();
            if (version != BundleFiles.FORMAT_VERSION) {
                throw new BundleException("manifest.json: format version " + version + ", this tool reads "
                        + BundleFiles.FORMAT_VERSION);
            }
            List<String> includes = new ArrayList<>();
            n.path("includes").forEach(i -> includes.add(i.asText()));
            JsonNode c = n.path("counts");
            List<FileEntry> files = new ArrayList<>();
            for (JsonNode f : n.path("files")) {
                files.add(new FileEntry(required(f, "name").asText(), required(f, "size").asLong(),
                        required(f, "sha256").asText()));
            }
            List<String> expected = new ArrayList<>();
            n.path("blobsExpected").forEach(e -> expected.add(e.asText()));
            return new Manifest(required(n, "storeId").asText(), required(n, "sinceSequence").asLong(),
                    required(n, "toSequence").asLong(), n.path("partial").asBoolean(), includes,
                    Instant.parse(required(n, "created").asText()), n.path("tool").asText(),
                    n.path("partSize").asLong(), new Counts(c.path("exchanges").asLong(),
                            c.path("derivedRows").asLong(), c.path("blobsCarried").asLong(),
                            c.path("blobBytesCarried").asLong(), c.path("blobsExpected").asLong()),
                    files, expected);
        } catch (IOException | RuntimeException e) {
            if (e instanceof BundleException be) {
                throw be;
            }
            throw new BundleException("manifest.json: unreadable (" + e.getMessage() + ")", e);
        }
    }

    private static JsonNode required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new BundleException("manifest.json: field " + field + " is missing");
        }
        return v;
    }

    /** The part files, in order. */
    public List<FileEntry> parts() {
        return files.stream().filter(f -> BundleFiles.isPart(f.name())).toList();
    }

    public FileEntry file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new BundleException("manifest.json does not list " + name));
    }
}

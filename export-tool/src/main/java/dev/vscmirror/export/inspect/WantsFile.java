package dev.vscmirror.export.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vscmirror.store.ContentStore;
import dev.vscmirror.store.Families;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;

/**
 * The offline side's wish list: the replay misses (family {@code misses}, written by the replay path; each
 * value is read as JSON, or kept as text when it is not JSON) as a small JSON file to carry back online:
 * {@code {"format":"vscmirror-wants","formatVersion":1,"storeId":…,"created":…,"misses":[…]}}.
 */
public final class WantsFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private WantsFile() {
    }

    /** Writes the file (atomically) and returns how many misses it lists. Opens the store read-only. */
    public static int write(Path dataDir, Path out) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode misses;
        try (ContentStore store = ContentStore.openReadOnly(dataDir)) {
            root.put("format", "vscmirror-wants").put("formatVersion", 1).put("storeId", store.storeId())
                    .put("created", Instant.now().toString());
            misses = root.putArray("misses");
            store.scan(Families.MISSES, new byte[0], (k, v) -> misses.add(value(v)));
        }
        Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = parent.resolve(out.getFileName() + ".tmp");
        Files.write(temp, JSON.writeValueAsBytes(root));
        Files.move(temp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return misses.size();
    }

    private static JsonNode value(byte[] v) {
        try {
            return JSON.readTree(v);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(new String(v, StandardCharsets.UTF_8));
        }
    }
}

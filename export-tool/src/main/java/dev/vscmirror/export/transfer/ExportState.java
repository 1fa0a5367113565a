package dev.vscmirror.export.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vscmirror.export.bundle.BundleException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The export watermark: {@code <data>/export-state.json}, the last journal sequence exported in full.
 *
 * <p>Why a file next to the store and not a row in its meta family: a running mirror holds the store
 * read-write (one writer only), and export must work while it runs, so export opens the store read-only
 * and cannot write rows. The mirror never touches this file. It is replaced atomically (temp file, fsync,
 * rename), and only after a bundle was completely written and read back.
 *
 * @param storeId              the store the watermark belongs to
 * @param lastExportedSequence every journal entry up to here is in some bundle
 * @param lastBundle           where the last full bundle was written
 * @param updated              when
 */
public record ExportState(String storeId, long lastExportedSequence, String lastBundle, Instant updated) {
    public static final String FILE = dev.vscmirror.store.ExportWatermark.FILE;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static Optional<ExportState> read(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            return Optional.of(new ExportState(n.path("storeId").asText(), n.path("lastExportedSequence").asLong(),
                    n.path("lastBundle").asText(), Instant.parse(n.path("updated").asText())));
        } catch (IOException | RuntimeException e) {
            throw new BundleException(file + " is unreadable (" + e.getMessage() + "); fix or delete it and export with --since all");
        }
    }

    public void write(Path dataDir) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("storeId", storeId);
        n.put("lastExportedSequence", lastExportedSequence);
        n.put("lastBundle", lastBundle);
        n.put("updated", updated.toString());
        Path temp = dataDir.resolve(FILE + ".tmp");
        Files.write(temp, JSON.writeValueAsBytes(n));
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(temp, dataDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(dataDir, StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}

package dev.vscmirror.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the export watermark that {@code vscmirror-export export} writes to {@code <data>/export-state.json}
 * (the export tool owns the file; the running mirror only reads it, for the
 * {@code vscmirror_export_last_sequence} gauge).
 */
public final class ExportWatermark {
    /** The file name under the data directory; the export tool's {@code ExportState.FILE}. */
    public static final String FILE = "export-state.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;

    public ExportWatermark(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    /**
     * The last journal sequence exported in full: 0 when nothing was exported yet, -1 when the file cannot be read
     * (a half-written or foreign file; the export tool writes it atomically, so this should not happen).
     */
    public long lastExportedSequence() {
        try {
            JsonNode state = MAPPER.readTree(Files.readAllBytes(file));
            JsonNode seq = state == null ? null : state.get("lastExportedSequence");
            return seq != null && seq.canConvertToLong() ? seq.asLong() : -1;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            return -1;
        }
    }
}

package dev.vscmirror.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExportWatermarkTest {
    @TempDir
    Path dataDir;

    @Test
    void noExportYetReadsZero() {
        assertEquals(0, new ExportWatermark(dataDir).lastExportedSequence());
    }

    @Test
    void readsTheSequenceTheExportToolWrote() throws Exception {
        Files.writeString(dataDir.resolve(ExportWatermark.FILE),
                "{\"storeId\":\"s\",\"lastExportedSequence\":42,\"lastBundle\":\"/media/usb/b1\","
                        + "\"updated\":\"2026-12-05T08:00:00Z\"}");
        assertEquals(42, new ExportWatermark(dataDir).lastExportedSequence());
    }

    @Test
    void unreadableFileReadsMinusOne() throws Exception {
        Files.writeString(dataDir.resolve(ExportWatermark.FILE), "{\"lastExport");
        assertEquals(-1, new ExportWatermark(dataDir).lastExportedSequence());
    }
}

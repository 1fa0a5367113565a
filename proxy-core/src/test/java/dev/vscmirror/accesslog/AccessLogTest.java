package dev.vscmirror.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessLogTest {
    private static final Instant T = Instant.parse("2026-12-05T06:16:18Z");

    private static AccessLogEntry entry(String target, String userAgent, int n) {
        return new AccessLogEntry(T, "10.0.0.7", "tls", "update.code.visualstudio.com", "GET", target, "HTTP/1.1",
                204, 0, null, userAgent, "hit", n);
    }

    @Test
    void formatsCombinedLogFormatPlusListenerHostOutcomeAndMillis() {
        String line = AccessLogFormat.format(new AccessLogEntry(T, "10.0.0.7", "tls", "marketplace.visualstudio.com",
                "POST", "/_apis/public/gallery/extensionquery", "HTTP/1.1", 200, 1834,
                "https://example.test/x", "Code/1.95 (linux)", "synthesized", 14));
        assertEquals("10.0.0.7 - - [05/Dec/2026:06:16:18 +0000] \"POST /_apis/public/gallery/extensionquery HTTP/1.1\""
                + " 200 1834 \"https://example.test/x\" \"Code/1.95 (linux)\" tls marketplace.visualstudio.com"
                + " synthesized 14", line);
    }

    @Test
    void neverWritesTheUpdateCheckUserOrTokensAndStaysOneLine() {
        String line = AccessLogFormat.format(new AccessLogEntry(T, null, "proxy", null, "GET",
                "/api/update/linux-x64/stable/abc?bg=false&u=org-secret&token=t0ken#frag", null, 0, 0,
                "http://x/?access_token=abc", "evil\"agent\nsecond line\\", null, 0));
        assertFalse(line.contains("org-secret"), line);
        assertFalse(line.contains("t0ken"), line);
        assertFalse(line.contains("access_token=abc"), line);
        assertTrue(line.contains("?bg=false&u=***&token=***#frag"), line);
        assertFalse(line.contains("\n"), "a line must stay one line");
        assertTrue(line.contains("\"evil\\\"agent\\x0asecond line\\\\\""), line);
        assertTrue(line.startsWith("- - - ["), line);
        assertTrue(line.endsWith(" proxy - - 0"), line);
    }

    @Test
    void fileLogIsReopenedAfterRotation(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("logs/access.log");
        AsyncAccessLog log = new AsyncAccessLog(new ReopeningFileSink(file, Duration.ofMillis(20)), file.toString());
        try {
            log.log(entry("/one", "a", 1));
            waitFor(() -> lines(file).size() == 1, "first line written");
            Path rotated = dir.resolve("logs/access.log.1");
            Files.move(file, rotated); // what logrotate does without copytruncate
            Thread.sleep(50);
            log.log(entry("/two", "a", 2));
            waitFor(() -> Files.exists(file) && lines(file).size() == 1, "the log reopened at the original path");
            assertTrue(lines(file).get(0).contains("\"GET /two HTTP/1.1\""));
            assertEquals(1, lines(rotated).size());
            Files.delete(file); // deleted outright
            Thread.sleep(50);
            log.log(entry("/three", "a", 3));
            waitFor(() -> Files.exists(file) && lines(file).size() == 1, "the log recreated after deletion");
        } finally {
            log.close();
        }
        assertEquals(0, log.dropped());
    }

    @Test
    void closeWritesEverythingQueued(@TempDir Path dir) {
        Path file = dir.resolve("access.log");
        AccessLog log = AccessLog.of(file.toString());
        for (int i = 0; i < 500; i++) {
            log.log(entry("/n/" + i, "ua", i));
        }
        log.close();
        List<String> lines = lines(file);
        assertEquals(500, lines.size());
        assertTrue(lines.get(499).contains("/n/499"));
    }

    @Test
    void offWritesNothingAndBadTargetsAreNamed(@TempDir Path dir) throws IOException {
        AccessLog.of("off").log(entry("/x", null, 1));
        Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AccessLog.of(notADir.resolve("access.log").toString()));
        assertTrue(e.getMessage().contains("plain-file"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AccessLog.of(" "));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }
}

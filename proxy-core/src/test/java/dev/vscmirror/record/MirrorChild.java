package dev.vscmirror.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link RecordingHarness} in a child JVM (its own heap limit, killable), for memory and crash tests. */
final class MirrorChild implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final int port;

    MirrorChild(String xmx, Path data, int upstreamPort, Path caPem, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"), RecordingHarness.class.getName(),
                data.toString(), Integer.toString(upstreamPort), caPem.toString()));
        process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the child went away
            }
        }, "mirror-child-stdout");
        reader.setDaemon(true);
        reader.start();
        String first = lines.poll(120, TimeUnit.SECONDS);
        if (first == null || !first.startsWith("PORT ")) {
            process.destroyForcibly();
            throw new IllegalStateException("mirror child did not start: " + first + "; log: "
                    + (Files.exists(log) ? Files.readString(log) : ""));
        }
        port = Integer.parseInt(first.substring(5).trim());
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** The next {@code RESULT status bytes outcome} line, or null after the timeout. */
    String nextResult(long seconds) throws InterruptedException {
        return lines.poll(seconds, TimeUnit.SECONDS);
    }

    /** Peak resident set size of the child so far, in KiB (VmHWM from /proc/PID/status). */
    long peakRssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/" + process.pid() + "/status");
    }

    /** SIGKILL, as {@code kill -9}. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: the harness closes its store in a shutdown hook
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}

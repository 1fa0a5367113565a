package dev.vscmirror.export.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.function.Consumer;

/** JSON Lines files of a bundle: one compact JSON value per line, UTF-8. */
public final class JsonLines {
    static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {
    }

    /** Writes lines, fsyncs the file and returns its manifest entry. */
    public static final class Writer implements AutoCloseable {
        private final Path file;
        private final FileChannel channel;
        private final MessageDigest digest = Digests.sha256();
        private final OutputStream out;
        private long lines;
        private FileEntry entry;

        public Writer(Path file) throws IOException {
            this.file = file;
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.out = new DigestOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), digest);
        }

        public void write(JsonNode value) throws IOException {
            out.write(JSON.writeValueAsBytes(value));
            out.write('\n');
            lines++;
        }

        public long lines() {
            return lines;
        }

        /** Flushes, fsyncs and closes; returns the file's manifest entry. */
        public FileEntry finish() throws IOException {
            out.flush();
            channel.force(true);
            long size = channel.size();
            out.close();
            entry = new FileEntry(file.getFileName().toString(), size, Digests.hex(digest));
            return entry;
        }

        @Override
        public void close() throws IOException {
            if (entry == null) {
                out.close();
            }
        }
    }

    /** Reads every line of {@code file} as JSON, in order. */
    public static void read(Path file, Consumer<JsonNode> action) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                java.nio.file.Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
            long lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    action.accept(JSON.readTree(line));
                } catch (IOException e) {
                    throw new BundleException(file.getFileName() + " line " + lineNo + ": not JSON (" + e.getMessage() + ")", e);
                }
            }
        }
    }
}

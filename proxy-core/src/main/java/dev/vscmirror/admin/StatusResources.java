package dev.vscmirror.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The status page's files, loaded once from the classpath ({@code /status/*}); no external assets. */
final class StatusResources {
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "status.css", "text/css; charset=utf-8",
            "status.js", "text/javascript; charset=utf-8");

    private final Map<String, byte[]> files;

    StatusResources() {
        this.files = Map.of("index.html", load("index.html"), "status.css", load("status.css"),
                "status.js", load("status.js"));
    }

    /** The file's bytes, or null when it is not one of the page's files. */
    byte[] bytes(String name) {
        return files.get(name);
    }

    String contentType(String name) {
        return TYPES.get(name);
    }

    private static byte[] load(String name) {
        try (InputStream in = StatusResources.class.getResourceAsStream("/status/" + name)) {
            if (in == null) {
                throw new IllegalStateException("status page resource /status/" + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read status page resource /status/" + name, e);
        }
    }
}

package dev.vscmirror.catalog;

import java.io.IOException;
import java.io.InputStream;

/** Opens the recorded body bytes exactly as upstream sent them (maybe gzip-encoded). Each call opens anew. */
@FunctionalInterface
public interface BodySource {
    InputStream open() throws IOException;
}

package dev.vscmirror.accesslog;

import java.io.IOException;

/** Where access-log lines go; used only by the access log's writer thread. */
interface LineSink {
    /** Writes one line (the sink adds the line terminator). */
    void write(String line) throws IOException;

    /** Flushes after a batch of lines. */
    void flush() throws IOException;

    void close() throws IOException;
}

package dev.vscmirror.admin;

import dev.vscmirror.config.AdminConfig;
import dev.vscmirror.config.HostPort;
import dev.vscmirror.metrics.MirrorMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Serves the status page over {@link FakeAdminContext} on 127.0.0.1 (ephemeral port) for the headless-browser
 * check in {@code .ci/ops-checks.sh}. Usage: {@code StatusPageDemo WORK_DIR CA_DAYS}; writes {@code WORK_DIR/port}
 * once listening and stops when its standard input closes.
 */
public final class StatusPageDemo {
    private StatusPageDemo() {}

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args.length > 0 ? args[0] : "target/status-demo");
        long caDays = args.length > 1 ? Long.parseLong(args[1]) : 60;
        FakeAdminContext context = new FakeAdminContext(work.resolve("vsix"), Duration.ofDays(caDays));
        try (MirrorMetrics metrics = MirrorMetrics.create();
             AdminServer server = new AdminServer(new HostPort("127.0.0.1", 0), new AdminConfig(null), metrics,
                     context)) {
            int port = server.start().getPort();
            Files.writeString(work.resolve("port"), Integer.toString(port), StandardCharsets.US_ASCII);
            System.out.println("status page on http://127.0.0.1:" + port + "/status");
            while (System.in.read() >= 0) {
                // run until the caller closes our stdin (or kills us)
            }
        }
    }
}

package dev.vscmirror.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** limits.maxConnections: a connection over the limit is answered 503 and closed; the others keep working. */
class ConnectionLimitIT {
    private static final String HOST = "update.code.visualstudio.com";

    @TempDir
    Path dir;

    @Test
    void connectionOverTheLimitGets503() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream(dir);
             MirrorFixture mirror = new MirrorFixture(dir.resolve("data"), upstream,
                     Map.of("limits.maxConnections", "1"));
             SSLSocket first = mirror.rawTls(HOST)) {
            try (SSLSocket second = mirror.rawTls(HOST)) {
                String r = MirrorFixture.exchange(second, "GET /api/x HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n");
                assertTrue(r.startsWith("HTTP/1.1 503 "), r);
                assertTrue(second.getInputStream().read() == -1, "the connection over the limit is closed");
            }
            String r = MirrorFixture.exchange(first, "POST /_apis/public/gallery/publishers/p/extensions/n/1/stats"
                    + "?statType=install HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Length: 0\r\n\r\n");
            assertTrue(r.startsWith("HTTP/1.1 200 "), r);
        }
    }
}

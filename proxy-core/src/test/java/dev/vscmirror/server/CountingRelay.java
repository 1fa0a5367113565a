package dev.vscmirror.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP front for the fake upstream that counts every connection attempt. While {@link #target} is set it
 * relays bytes to it; when "upstream is off" it accepts, counts and closes, so a test can prove that replay never
 * opens an upstream connection.
 */
final class CountingRelay implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile InetSocketAddress target;

    CountingRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "counting-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    /** Upstream "switched off": connections are still counted, then closed. */
    void switchOff() {
        target = null;
        connections.set(0);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                InetSocketAddress to = target;
                if (to == null) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(to.getAddress(), to.getPort());
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // closed, or a relay that failed: the test sees the effect on its requests
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "counting-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

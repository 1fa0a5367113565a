package dev.vscmirror.server;

import dev.vscmirror.config.ConfigLoader;
import dev.vscmirror.config.MirrorConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;

/** A running mirror pointed at a {@link FakeUpstream}, and clients that trust only the mirror's CA. */
final class MirrorFixture implements AutoCloseable {
    final MirrorServer server;
    final X509Certificate ca;
    final HandshakeCertificates trust;

    MirrorFixture(Path dataDir, FakeUpstream upstream, Map<String, String> extraFlags) throws Exception {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("dataDir", dataDir.toString());
        flags.put("mode", "record");
        flags.put("listeners.tls", "127.0.0.1:0");
        flags.put("listeners.proxy", "127.0.0.1:0");
        flags.put("listeners.admin", "127.0.0.1:0");
        flags.put("upstream.overrides", upstream.overrides());
        flags.put("upstream.extraCa", upstream.caFile.toString());
        flags.put("log.accessLog", "off");
        flags.putAll(extraFlags);
        MirrorConfig config = ConfigLoader.load(null, Map.of(), flags).config();
        server = MirrorServer.start(config);
        try (InputStream in = Files.newInputStream(server.caCertificatePath())) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        trust = new HandshakeCertificates.Builder().addTrustedCertificate(ca).build();
    }

    int tlsPort() {
        return server.address("tls").getPort();
    }

    /** A client that resolves every name to loopback and talks to the TLS listener (URLs carry its port). */
    OkHttpClient direct() {
        return base().dns(host -> List.of(InetAddress.getLoopbackAddress())).build();
    }

    /** A client that goes through the forward-proxy listener with CONNECT. */
    OkHttpClient viaProxy() {
        return base().proxy(new Proxy(Proxy.Type.HTTP, server.address("proxy"))).build();
    }

    private OkHttpClient.Builder base() {
        return new OkHttpClient.Builder().sslSocketFactory(trust.sslSocketFactory(), trust.trustManager())
                .readTimeout(Duration.ofSeconds(60)).connectTimeout(Duration.ofSeconds(30));
    }

    /** {@code https://host:tlsPort path} */
    String url(String host, String path) {
        return "https://" + host + ":" + tlsPort() + path;
    }

    /** A raw TLS connection to the TLS listener with the given SNI name (null: none). */
    SSLSocket rawTls(String sni) throws IOException {
        SSLSocket socket = (SSLSocket) trust.sslSocketFactory().createSocket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tlsPort()), 30_000);
        socket.setSoTimeout(60_000);
        SSLParameters params = socket.getSSLParameters();
        params.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        socket.setSSLParameters(params);
        socket.startHandshake();
        return socket;
    }

    /** Writes {@code request} and reads one response (head and Content-Length body) as text. */
    static String exchange(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readResponse(socket.getInputStream());
    }

    static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        long length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes((int) length);
        return text + new String(body, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        server.close();
    }
}

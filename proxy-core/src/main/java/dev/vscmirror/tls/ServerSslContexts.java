package dev.vscmirror.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the server-side {@link SslContext} for one minted leaf: BoringSSL (netty-tcnative) when it loads, else the
 * JDK engine; TLS 1.2 and 1.3; ALPN offering only {@code http/1.1} (the mirror speaks HTTP/1.1 to clients).
 */
public final class ServerSslContexts {
    private static final Logger LOG = LoggerFactory.getLogger(ServerSslContexts.class);
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SslProvider provider;

    private ServerSslContexts(SslProvider provider) {
        this.provider = provider;
    }

    /** Picks OpenSSL (BoringSSL) when available and logs which engine serves TLS. */
    public static ServerSslContexts create() {
        if (OpenSsl.isAvailable()) {
            LOG.info("TLS engine: {} (netty-tcnative)", OpenSsl.versionString());
            return new ServerSslContexts(SslProvider.OPENSSL);
        }
        LOG.info("TLS engine: JDK (netty-tcnative unavailable: {})", String.valueOf(OpenSsl.unavailabilityCause()));
        return new ServerSslContexts(SslProvider.JDK);
    }

    /** The engine in use. */
    public SslProvider provider() {
        return provider;
    }

    /**
     * Builds a context serving {@code material}. Blocking (parses keys, may touch native code): call it off the
     * event loop.
     */
    public SslContext build(KeyMaterial material) {
        try {
            return SslContextBuilder
                    .forServer(material.key(), material.chain().toArray(new X509Certificate[0]))
                    .sslProvider(provider)
                    .protocols(PROTOCOLS)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(
                            ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ApplicationProtocolNames.HTTP_1_1))
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a TLS context for "
                    + material.leaf().getSubjectX500Principal() + ": " + e.getMessage(), e);
        }
    }
}

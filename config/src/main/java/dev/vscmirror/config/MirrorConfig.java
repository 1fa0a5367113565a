package dev.vscmirror.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The whole effective configuration of one mirror process. Immutable; built only by {@link ConfigLoader}
 * (defaults, then file, then {@code VSCMIRROR_*} environment, then command-line flags).
 *
 * @param dataDir   the data directory: {@code ca/}, {@code blobs/}, {@code index/} live under it
 * @param mode      what the mirror does with a request (record, replay, fallback)
 * @param hosts     host names and {@code *.domain} patterns the mirror answers (intercepts); matched case-insensitively
 * @param listeners the TLS, forward-proxy and admin listeners
 * @param ca        the certificate authority's settings
 * @param upstream  how the mirror reaches upstream while recording
 * @param limits    request limits and timeouts on the client side
 * @param record    what gets recorded
 * @param rewrite   URL rewriting of JSON metadata when serving
 * @param admin     the admin listener's access control
 * @param log       logging
 */
public record MirrorConfig(
        Path dataDir,
        Mode mode,
        List<String> hosts,
        ListenersConfig listeners,
        CaConfig ca,
        UpstreamConfig upstream,
        LimitsConfig limits,
        RecordConfig record,
        RewriteConfig rewrite,
        AdminConfig admin,
        LogConfig log) {

    public MirrorConfig {
        hosts = List.copyOf(hosts);
    }

    /** What the mirror does with a request to an intercepted host. */
    public enum Mode {
        /** Forward upstream and store every complete answer. */
        RECORD,
        /** Answer from the store only; never open an upstream connection. */
        REPLAY,
        /** Try upstream; answer from the store when upstream fails or times out. */
        FALLBACK
    }
}

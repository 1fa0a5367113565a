package dev.vscmirror.admin;

import dev.vscmirror.accesslog.AccessLogEntry;
import dev.vscmirror.config.MirrorConfig;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the admin listener needs from the running mirror; the {@code serve} wiring implements it over the store,
 * catalog, miss log, CA and listeners. Every method is called on the admin's own worker threads (never on an event
 * loop), so it may block briefly (e.g. read RocksDB); it should not take seconds. Exceptions become a 500 answer
 * naming the route, and are logged.
 */
public interface AdminContext {

    /** The current mode. Never null. */
    MirrorConfig.Mode mode();

    /**
     * Switches the mode at runtime ({@code PUT /api/mode}).
     *
     * @throws IllegalArgumentException when the switch is not allowed now; the message goes to the caller (HTTP 409)
     */
    void setMode(MirrorConfig.Mode mode);

    /** When the process started serving (for uptime). Never null. */
    Instant startedAt();

    /** The store's counts. Never null. */
    StoreSummary store();

    /** The catalog's counts. Never null. */
    CatalogSummary catalog();

    /**
     * One page of the catalog, matching {@code query} against id, display name and description (case-insensitive
     * substring is enough).
     *
     * @param query    the search text; empty (never null) for every extension
     * @param page     1-based page number
     * @param pageSize rows per page, 1-200
     */
    ExtensionPage extensions(String query, int page, int pageSize);

    /**
     * One extension with its versions; {@code publisher} and {@code name} are compared case-insensitively.
     *
     * @return empty when the catalog does not know the extension
     */
    Optional<ExtensionDetails> extension(String publisher, String name);

    /**
     * The recorded VSIX of one version.
     *
     * @param targetPlatform e.g. {@code linux-x64}; null for the universal package (or the only one recorded)
     * @return empty when that VSIX is not in the store
     */
    Optional<VsixFile> vsix(String publisher, String name, String version, String targetPlatform);

    /** Replay misses, most frequent first; at most {@code limit} entries. Never null. */
    List<MissEntry> misses(int limit);

    /** The CA certificate clients must trust; empty while the CA is not loaded. Never the key. */
    Optional<X509Certificate> caCertificate();

    /**
     * Readiness conditions for {@code /readyz}: at least the store (open), the CA (loaded) and the listeners
     * (bound). The mirror is ready when every part is. Never null.
     */
    List<ReadinessPart> readiness();

    /**
     * The latest answered requests, newest first, at most {@code limit}. {@link RecentActivity} keeps such a list.
     * Never null.
     */
    List<AccessLogEntry> recentActivity(int limit);
}

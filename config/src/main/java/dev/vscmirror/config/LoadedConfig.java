package dev.vscmirror.config;

import java.util.Map;

/**
 * The effective configuration and where each value came from.
 *
 * @param config  the validated configuration
 * @param sources key path (e.g. {@code listeners.tls}) to its source: {@code default}, {@code file:PATH},
 *                {@code env:NAME} or {@code flag:--x}; every known key is present
 */
public record LoadedConfig(MirrorConfig config, Map<String, String> sources) {
    public LoadedConfig {
        sources = Map.copyOf(sources);
    }
}

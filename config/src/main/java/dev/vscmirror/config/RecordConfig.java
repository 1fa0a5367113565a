package dev.vscmirror.config;

import java.util.Set;

/**
 * What gets recorded.
 *
 * @param statuses upstream statuses whose complete answers are stored (default 200, 204, 301, 302, 307, 308, 404)
 */
public record RecordConfig(Set<Integer> statuses) {
    public RecordConfig {
        statuses = Set.copyOf(statuses);
    }
}

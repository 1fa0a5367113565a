package dev.vscmirror.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-memory extension catalog (issue 4, "The extension catalog"): loaded from the {@code catalog} rows, kept
 * live by applying newly derived rows, and read through immutable {@link CatalogIndex} snapshots. Rows may arrive in
 * any order: per group, the fragment recorded last wins. Thread-safe: writers and the snapshot rebuild synchronise
 * on the catalog; readers of a snapshot never wait.
 */
public final class ExtensionCatalog {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExtensionCatalog.class);
    private final Map<String, ExtensionBuilder> builders = new HashMap<>();
    private volatile CatalogIndex index = CatalogIndex.EMPTY;
    private volatile boolean dirty;

    /**
     * Applies one row of the {@code catalog} family.
     *
     * @throws IllegalArgumentException when the key or value is malformed (the caller logs and skips it)
     */
    public void apply(byte[] key, byte[] value) {
        byte type = CatalogKeys.type(key);
        List<String> parts = CatalogKeys.parts(key);
        CatalogRows.Fragment fragment = CatalogRows.fragment(value);
        long recordedAt = fragment.recordedAt();
        byte[] json = fragment.json();
        synchronized (this) {
            boolean changed;
            if (type == CatalogKeys.EXTENSION && parts.size() == 2) {
                changed = builder(parts.get(0)).applyGroup(parts.get(1), recordedAt, json);
            } else if (type == CatalogKeys.VERSION && parts.size() == 4) {
                changed = builder(parts.get(0)).applyVersion(parts.get(1), parts.get(2), parts.get(3),
                        recordedAt, json);
            } else {
                throw new IllegalArgumentException("not a catalog row: type " + type + " with " + parts.size() + " parts");
            }
            if (changed) {
                dirty = true;
            }
        }
    }

    /** @return a sink that applies {@code catalog} rows to this catalog and ignores other families */
    public RowSink sink() {
        return (family, key, value) -> {
            if (CatalogKeys.CATALOG.equals(family)) {
                apply(key, value);
            }
        };
    }

    /** Forgets everything (before a reload). */
    public synchronized void clear() {
        builders.clear();
        index = CatalogIndex.EMPTY;
        dirty = false;
    }

    /**
     * The current snapshot; rebuilt first when rows were applied since the last one (a rebuild costs time in
     * proportion to the catalog size, so a burst of recorded answers costs one rebuild at the next query).
     */
    public CatalogIndex index() {
        if (!dirty) {
            return index;
        }
        synchronized (this) {
            if (dirty) {
                List<ExtensionEntry> entries = new ArrayList<>(builders.size());
                for (Map.Entry<String, ExtensionBuilder> b : builders.entrySet()) {
                    try {
                        ExtensionEntry e = b.getValue().entry();
                        if (e != null) {
                            entries.add(e);
                        }
                    } catch (RuntimeException e) {
                        // one unreadable extension (e.g. a damaged imported row) must not take the catalog down
                        LOG.warn("leaving {} out of the catalog: {}", b.getKey(), e.getMessage());
                    }
                }
                index = CatalogIndex.build(entries);
                dirty = false;
            }
            return index;
        }
    }

    private ExtensionBuilder builder(String id) {
        return builders.computeIfAbsent(id, ExtensionBuilder::new);
    }
}

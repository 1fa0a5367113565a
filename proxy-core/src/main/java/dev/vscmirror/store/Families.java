package dev.vscmirror.store;

import java.util.List;
import java.util.Optional;

/**
 * The column families of the index. Each has a logical name (what callers pass to
 * {@link ContentStore#get}, {@link ContentStore#scan}, {@link IndexRow}) and a version; the RocksDB
 * column family is named {@code name.vN}. To add a family, add one line here: it is created at the
 * next open. To change a family's format incompatibly, bump its version: the new, empty family is
 * created and {@code vscmirror store reindex} (derived families) refills it; the old one stays until
 * removed by hand.
 */
public final class Families {
    public static final String EXCHANGES = "exchanges";
    public static final String JOURNAL = "journal";
    public static final String META = "meta";
    public static final String MISSES = "misses";
    public static final String CATALOG = "catalog";
    public static final String ASSETS = "assets";
    public static final String UPDATES = "updates";
    public static final String AUX = "aux";

    /**
     * One family.
     *
     * @param name       logical name
     * @param version    format version, part of the RocksDB name
     * @param storeOwned true when only the store itself writes it (through its own methods)
     */
    public record Family(String name, int version, boolean storeOwned) {
        public String physicalName() {
            return name + ".v" + version;
        }
    }

    public static final List<Family> ALL = List.of(
            new Family(EXCHANGES, 1, true),
            new Family(JOURNAL, 1, true),
            new Family(META, 1, true),
            new Family(MISSES, 1, false),
            new Family(CATALOG, 1, false),
            new Family(ASSETS, 1, false),
            new Family(UPDATES, 1, false),
            new Family(AUX, 1, false));

    /** The families derived from exchanges (cleared and rebuilt by reindex, carried in bundles). */
    public static final List<String> DERIVED = List.of(CATALOG, ASSETS, UPDATES);

    private Families() {
    }

    public static Optional<Family> byName(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    static Family require(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException(
                "family: " + name + " (expected one of " + ALL.stream().map(Family::name).toList() + ")"));
    }
}

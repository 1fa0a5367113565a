package dev.vscmirror.store;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** One row of a column family: the family's logical name (see {@link Families}), raw key and value. */
public record IndexRow(String family, byte[] key, byte[] value) {
    public IndexRow {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexRow r && r.family.equals(family) && Arrays.equals(r.key, key)
                && Arrays.equals(r.value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, Arrays.hashCode(key), Arrays.hashCode(value));
    }

    @Override
    public String toString() {
        return "IndexRow[" + family + ", key=" + HexFormat.of().formatHex(key) + ", " + value.length + " value bytes]";
    }
}

package dev.vscmirror.catalog;

/** Receives derived rows (family name, key, value); see {@link CatalogKeys} for families and key layouts. */
@FunctionalInterface
public interface RowSink {
    void row(String family, byte[] key, byte[] value);
}

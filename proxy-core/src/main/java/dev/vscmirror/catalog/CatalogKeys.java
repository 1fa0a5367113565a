package dev.vscmirror.catalog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Row keys of the derived families (STYLE.md: a 1-byte type/version prefix, then variable parts, each prefixed by
 * its length as an unsigned 16-bit big-endian number, so that a prefix scan over leading parts is exact).
 * <ul>
 *   <li>{@code catalog} {@link #EXTENSION}: (id, group) where id = lower-case {@code publisher.name} and group is
 *       {@code core}, {@code statistics}, {@code categories}, {@code tags} or {@code installationTargets}</li>
 *   <li>{@code catalog} {@link #VERSION}: (id, version, targetPlatform or "", group) where group is {@code core},
 *       {@code files}, {@code properties} or {@code assetUri}</li>
 *   <li>{@code assets} {@link #ASSET}: (publisher, name, version, targetPlatform or "", assetType, form), all
 *       lower-case; see {@code AssetRows}</li>
 *   <li>{@code assets} {@code DerivedRows.CONTROL_MANIFEST}: ("control") → the last recorded control manifest</li>
 * </ul>
 * Families of the update service use the same encoding with their own type bytes ({@code update.UpdateRows}).
 */
public final class CatalogKeys {
    /** Family names owned by the store (CONTRACTS.md). */
    public static final String CATALOG = "catalog";
    public static final String ASSETS = "assets";
    public static final String UPDATES = "updates";
    public static final String MISSES = "misses";
    public static final String AUX = "aux";

    /** Type byte of an extension-level row in {@code catalog}. */
    public static final byte EXTENSION = 0x01;
    /** Type byte of a version row in {@code catalog}. */
    public static final byte VERSION = 0x02;
    /** Type byte of an asset row in {@code assets}. */
    public static final byte ASSET = 0x01;

    private CatalogKeys() {
    }

    /** Encodes a key: the type byte, then each part length-prefixed (UTF-8). */
    public static byte[] key(byte type, String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(type);
        for (String part : parts) {
            byte[] b = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
            if (b.length > 0xFFFF) {
                throw new IllegalArgumentException("key part of " + b.length + " bytes (expected: <= 65535): "
                        + part.substring(0, 80) + "...");
            }
            out.write(b.length >>> 8);
            out.write(b.length & 0xFF);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /** @return the type byte of a key */
    public static byte type(byte[] key) {
        return key.length == 0 ? 0 : key[0];
    }

    /**
     * Decodes the parts of a key made by {@link #key}.
     *
     * @throws IllegalArgumentException when the key is truncated
     */
    public static List<String> parts(byte[] key) {
        List<String> parts = new ArrayList<>(6);
        int at = 1;
        while (at < key.length) {
            if (at + 2 > key.length) {
                throw new IllegalArgumentException("truncated key: length prefix at byte " + at + " of " + key.length);
            }
            int len = ((key[at] & 0xFF) << 8) | (key[at + 1] & 0xFF);
            at += 2;
            if (at + len > key.length) {
                throw new IllegalArgumentException("truncated key: part of " + len + " bytes at byte " + at);
            }
            parts.add(new String(key, at, len, StandardCharsets.UTF_8));
            at += len;
        }
        return parts;
    }
}

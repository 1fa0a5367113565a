package dev.vscmirror.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Key layouts of the store-owned families (STYLE.md: a 1-byte type/version prefix, fixed-width
 * big-endian numbers). The whole rest of the key is a single variable part, so it needs no length prefix.
 * <ul>
 *   <li>exchanges: {@code 0x01 | UTF-8 request key}</li>
 *   <li>journal: {@code 0x01 | sequence (8 bytes, big-endian)}</li>
 *   <li>meta: {@code 0x01 | UTF-8 name}</li>
 * </ul>
 */
final class StoreKeys {
    static final byte EXCHANGE_V1 = 0x01;
    static final byte JOURNAL_V1 = 0x01;
    static final byte META_V1 = 0x01;

    private StoreKeys() {
    }

    static byte[] exchange(String requestKey) {
        return prefixed(EXCHANGE_V1, requestKey);
    }

    static byte[] journal(long sequence) {
        return ByteBuffer.allocate(9).put(JOURNAL_V1).putLong(sequence).array();
    }

    static long journalSequence(byte[] key) {
        if (key.length != 9 || key[0] != JOURNAL_V1) {
            throw new StoreException("malformed journal key of " + key.length + " bytes");
        }
        return ByteBuffer.wrap(key, 1, 8).getLong();
    }

    static byte[] meta(String name) {
        return prefixed(META_V1, name);
    }

    static String suffix(byte[] key) {
        return new String(key, 1, key.length - 1, StandardCharsets.UTF_8);
    }

    private static byte[] prefixed(byte prefix, String s) {
        byte[] text = s.getBytes(StandardCharsets.UTF_8);
        byte[] key = new byte[text.length + 1];
        key[0] = prefix;
        System.arraycopy(text, 0, key, 1, text.length);
        return key;
    }
}

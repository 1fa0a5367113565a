package dev.vscmirror.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
    @Test
    void parsesClosedOpenAndSuffixRanges() {
        assertEquals(new ByteRange(0, 9), ByteRange.parse("bytes=0-9", 100));
        assertEquals(new ByteRange(90, 99), ByteRange.parse("bytes=90-", 100));
        assertEquals(new ByteRange(95, 99), ByteRange.parse("bytes=-5", 100));
        assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=-500", 100));
        assertEquals(new ByteRange(50, 99), ByteRange.parse("bytes=50-1000", 100));
    }

    @Test
    void startPastTheEndIsUnsatisfiable() {
        assertEquals(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=100-", 100));
        assertEquals(ByteRange.UNSATISFIABLE, ByteRange.parse("bytes=-0", 100));
    }

    @Test
    void malformedAndMultipleRangesAreIgnored() {
        assertNull(ByteRange.parse(null, 100));
        assertNull(ByteRange.parse("bytes=5-2", 100));
        assertNull(ByteRange.parse("bytes=0-1,5-6", 100));
        assertNull(ByteRange.parse("items=0-1", 100));
        assertNull(ByteRange.parse("bytes=a-b", 100));
    }
}

package dev.vscmirror.ca;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostPatternsTest {
    private final HostPatterns patterns = HostPatterns.of(List.of("marketplace.visualstudio.com",
            "*.gallery.vsassets.io", "*.bücher.example"));

    @Test
    void exactNamesMatchCaseInsensitively() {
        assertTrue(patterns.matches("marketplace.visualstudio.com"));
        assertTrue(patterns.matches("MarketPlace.VisualStudio.COM"));
        assertTrue(patterns.matches("marketplace.visualstudio.com."));
        assertFalse(patterns.matches("visualstudio.com"));
        assertFalse(patterns.matches("x.marketplace.visualstudio.com"));
    }

    @Test
    void wildcardsMatchNamesBelowTheDomainOnly() {
        assertTrue(patterns.matches("ms-python.gallery.vsassets.io"));
        assertTrue(patterns.matches("a.b.gallery.vsassets.io"));
        assertFalse(patterns.matches("gallery.vsassets.io"));
        assertFalse(patterns.matches("evilgallery.vsassets.io"));
    }

    @Test
    void idnaNamesMatchInEitherForm() {
        assertTrue(patterns.matches("shop.BÜCHER.example"));
        assertTrue(patterns.matches("shop.xn--bcher-kva.example"));
    }

    @Test
    void invalidNamesNeverMatch() {
        assertFalse(patterns.matches(null));
        assertFalse(patterns.matches(""));
        assertFalse(patterns.matches("a b.gallery.vsassets.io"));
        assertFalse(patterns.matches("x/.gallery.vsassets.io"));
    }

    @Test
    void invalidPatternIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> HostPatterns.of(List.of("bad host")));
    }
}

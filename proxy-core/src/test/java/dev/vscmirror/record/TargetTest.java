package dev.vscmirror.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TargetTest {
    @Test
    void parsesHostWithAndWithoutPort() {
        assertEquals(new Target("marketplace.visualstudio.com", 443), Target.parse("Marketplace.VisualStudio.com"));
        assertEquals(new Target("localhost", 8443), Target.parse("localhost:8443"));
        assertEquals(new Target("::1", 9443), Target.parse("[::1]:9443"));
        assertEquals("localhost:8443", Target.parse("localhost:8443").hostHeader());
        assertEquals("update.code.visualstudio.com", Target.parse("update.code.visualstudio.com").hostHeader());
    }

    @Test
    void absoluteFormBecomesOriginForm() {
        assertEquals("/api/update/x?bg=true", Target.originForm("https://update.code.visualstudio.com/api/update/x?bg=true"));
        assertEquals("/", Target.originForm("http://example.com"));
        assertEquals("/?a=1", Target.originForm("http://example.com?a=1"));
        assertEquals("/items?itemName=a.b", Target.originForm("/items?itemName=a.b"));
    }
}

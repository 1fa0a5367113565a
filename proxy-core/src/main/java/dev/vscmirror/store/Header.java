package dev.vscmirror.store;

import java.util.Objects;

/** One HTTP header as recorded (name as sent by upstream, value verbatim). */
public record Header(String name, String value) {
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}

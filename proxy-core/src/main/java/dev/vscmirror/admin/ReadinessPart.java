package dev.vscmirror.admin;

/**
 * One condition of {@code /readyz}, e.g. {@code store}, {@code ca}, {@code listeners}.
 *
 * @param name   short name of the part
 * @param ready  whether the part is ready
 * @param detail a human-readable detail, e.g. {@code tls 127.0.0.1:8443 not bound}; may be empty, never null
 */
public record ReadinessPart(String name, boolean ready, String detail) {
    public static ReadinessPart ready(String name) {
        return new ReadinessPart(name, true, "");
    }

    public static ReadinessPart notReady(String name, String detail) {
        return new ReadinessPart(name, false, detail);
    }
}

package dev.vscmirror.store;

import java.nio.file.Path;

/** Thrown when a store is already open read-write, by this or another process. */
public final class StoreLockedException extends StoreException {
    private final String holder;

    public StoreLockedException(Path dataDir, String holder) {
        super("store " + dataDir + " is in use by another vscmirror process (" + holder
                + "); stop it first, or open the store read-only");
        this.holder = holder;
    }

    /** The holder as written in the lock file, e.g. {@code pid=123 host=box started=2026-...}. */
    public String holder() {
        return holder;
    }
}

package dev.vscmirror.export.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}, defaulting like the mirror: $VSCMIRROR_DATA_DIR, $XDG_DATA_HOME/vscmirror, ~/.local/share/vscmirror. */
final class DataDirOption {
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The store's data directory (default: $VSCMIRROR_DATA_DIR, else $XDG_DATA_HOME/vscmirror, "
                    + "else ~/.local/share/vscmirror).")
    Path dataDir;

    Path resolve() {
        if (dataDir != null) {
            return dataDir;
        }
        String env = System.getenv("VSCMIRROR_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("vscmirror");
    }
}

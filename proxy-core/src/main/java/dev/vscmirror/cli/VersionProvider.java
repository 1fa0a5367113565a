package dev.vscmirror.cli;

import picocli.CommandLine;

/** Reports the version written into the jar's manifest at build time. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"vscmirror " + (v == null ? "dev" : v)};
    }
}

package dev.vscmirror.export.bundle;

/** A file of a bundle as the manifest lists it: name (relative to the bundle directory), size, SHA-256. */
public record FileEntry(String name, long size, String sha256) {
}

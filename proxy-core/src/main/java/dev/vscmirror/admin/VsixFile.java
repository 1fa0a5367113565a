package dev.vscmirror.admin;

import java.nio.file.Path;

/**
 * A recorded VSIX body on disk, for {@code /download/...}.
 *
 * @param path            the blob file holding the body exactly as recorded
 * @param contentEncoding the recorded {@code Content-Encoding} (e.g. {@code gzip}) when the body is encoded;
 *                        null for the plain VSIX bytes. The admin server sends it as the response's Content-Encoding,
 *                        so browsers and {@code curl --compressed} decode it.
 */
public record VsixFile(Path path, String contentEncoding) {}

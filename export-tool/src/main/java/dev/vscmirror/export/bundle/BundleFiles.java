package dev.vscmirror.export.bundle;

/**
 * Names of the files of a bundle directory.
 * <pre>
 * manifest.json        what is in the bundle, every file with size and SHA-256 (see {@link Manifest})
 * manifest.json.sig    optional detached Ed25519 signature over manifest.json (base64)
 * exchanges.jsonl      one recorded exchange per line (store ExchangeCodec JSON plus "seq")
 * derived.jsonl        derived index rows {"family","key","value"} (key and value base64)
 * blobs.jsonl          one {@link BlobEntry} per line, in the order the bytes sit in the parts
 * blobs-00001.part …   blob bytes, concatenated, each part at most the part size
 * </pre>
 */
public final class BundleFiles {
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.json.sig";
    public static final String EXCHANGES = "exchanges.jsonl";
    public static final String DERIVED = "derived.jsonl";
    public static final String BLOBS = "blobs.jsonl";
    public static final String FORMAT = "vscmirror-bundle";
    public static final int FORMAT_VERSION = 1;
    /** 4 GiB − 1 byte: the largest file FAT32 can hold. */
    public static final long DEFAULT_PART_SIZE = 4L * 1024 * 1024 * 1024 - 1;

    private BundleFiles() {
    }

    public static String partName(int number) {
        return String.format("blobs-%05d.part", number);
    }

    public static boolean isPart(String name) {
        return name.matches("blobs-\\d{5}\\.part");
    }
}

package dev.vscmirror.catalog;

/**
 * One asset of one extension version as a URL names it (protocol §3.1, §3.5, §3.6). Parts are lower-case;
 * {@code targetPlatform} is "" for universal packages.
 *
 * @param publisher      publisher name
 * @param name           extension name
 * @param version        version, or {@code latest} (the {@code /vspackage} form allows it)
 * @param targetPlatform target platform or ""
 * @param assetType      asset type (e.g. {@code microsoft.visualstudio.services.vsixpackage}), or
 *                       {@code unpkg:/path} for an unpacked file
 * @param form           which URL form named it
 */
public record AssetRef(String publisher, String name, String version, String targetPlatform, String assetType,
        Form form) {

    /** The URL forms of an asset. */
    public enum Form {
        /** {@code https://{p}.gallerycdn.vsassets.io/extensions/{p}/{n}/{v}/{ts}/{type}} (assetUri) */
        CDN("cdn"),
        /** {@code …/_apis/public/gallery/publisher/{p}/extension/{n}/{v}/assetbyname/{type}} (fallbackAssetUri) */
        ASSET_BY_NAME("assetbyname"),
        /** the same with {@code redirect=true} (VSIX downloads, protocol §3.3) */
        ASSET_BY_NAME_REDIRECT("assetbyname-redirect"),
        /** {@code …/_apis/public/gallery/publishers/{p}/vsextensions/{n}/{v}/vspackage} */
        VSPACKAGE("vspackage"),
        /** {@code https://{p}.vscode-unpkg.net/{p}/{n}/{v}/{path}} */
        UNPKG("unpkg");

        private final String id;

        Form(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** @return {@code publisher.name@version} plus {@code /platform} when platform-specific (the miss log's form) */
    public String describe() {
        return publisher + "." + name + "@" + version + (targetPlatform.isEmpty() ? "" : "/" + targetPlatform);
    }

    /** @return the same asset at another version */
    public AssetRef withVersion(String v) {
        return new AssetRef(publisher, name, v, targetPlatform, assetType, form);
    }
}

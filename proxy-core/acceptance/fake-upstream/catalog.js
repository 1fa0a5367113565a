'use strict';
// The fake Marketplace's catalog, built from real VSIX files (made by vsce): every field comes from the
// package's extension.vsixmanifest, as the real Marketplace derives it when a publisher uploads.
// Answer shapes: /work/shared/reference/vscode-protocol.md §2.4 (extension objects), §3.1 (asset URLs).
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { readZip } = require('./zip');

const PUBLISHER_NAMES = { vscmacme: 'Acme Tools', vscmbeta: 'Beta Labs' };
const BASE_TIME_MS = Date.UTC(2026, 0, 5, 10, 0, 0);

function uuidFrom(text) {
  const h = crypto.createHash('sha1').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function attr(xml, element, name) {
  const m = new RegExp(`<${element}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml);
  return m ? m[1] : null;
}

function text(xml, element) {
  const m = new RegExp(`<${element}\\b[^>]*>([\\s\\S]*?)</${element}>`).exec(xml);
  return m ? m[1] : '';
}

function unescapeXml(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

function compareVersions(a, b) {
  const pa = a.split(/[.-]/).map(Number), pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Reads one VSIX into a version record (plus the extension-level fields it carries). */
function readVsix(file) {
  const bytes = fs.readFileSync(file);
  const entries = readZip(bytes);
  const manifest = entries.get('extension.vsixmanifest');
  if (!manifest) throw new Error(`${file}: no extension.vsixmanifest`);
  const xml = manifest.toString('utf8');
  const properties = [];
  for (const m of xml.matchAll(/<Property Id="([^"]+)" Value="([^"]*)"\s*\/>/g)) {
    properties.push({ key: m[1], value: unescapeXml(m[2]) });
  }
  const assets = new Map([
    ['Microsoft.VisualStudio.Services.VsixManifest', manifest],
    ['Microsoft.VisualStudio.Services.VSIXPackage', bytes],
  ]);
  for (const m of xml.matchAll(/<Asset Type="([^"]+)" Path="([^"]+)"/g)) {
    const body = entries.get(m[2]);
    if (body) assets.set(m[1], body);
  }
  return {
    publisher: attr(xml, 'Identity', 'Publisher'),
    name: attr(xml, 'Identity', 'Id'),
    version: attr(xml, 'Identity', 'Version'),
    targetPlatform: attr(xml, 'Identity', 'TargetPlatform'),
    displayName: unescapeXml(text(xml, 'DisplayName')),
    description: unescapeXml(text(xml, 'Description')),
    tags: text(xml, 'Tags').split(',').map((t) => t.trim()).filter(Boolean),
    categories: text(xml, 'Categories').split(',').map((t) => t.trim()).filter(Boolean),
    preRelease: properties.some((p) => p.key === 'Microsoft.VisualStudio.Code.PreRelease' && p.value === 'true'),
    properties,
    assets,
    entries,
    file: path.basename(file),
  };
}

class Catalog {
  /** @param vsixFiles paths of the VSIX files this "Marketplace" has published */
  constructor(vsixFiles) {
    this.extensions = new Map(); // "publisher.name" (lower case) -> extension
    const records = vsixFiles.map(readVsix).sort((a, b) => a.file.localeCompare(b.file));
    records.forEach((r, i) => {
      const id = `${r.publisher}.${r.name}`.toLowerCase();
      let ext = this.extensions.get(id);
      if (!ext) {
        ext = {
          id, publisher: r.publisher, name: r.name, uuid: uuidFrom(`extension:${id}`),
          publisherUuid: uuidFrom(`publisher:${r.publisher}`),
          publisherDisplayName: PUBLISHER_NAMES[r.publisher] || r.publisher,
          installs: 100 + (parseInt(crypto.createHash('md5').update(id).digest('hex').slice(0, 4), 16) % 9000),
          versions: [],
        };
        this.extensions.set(id, ext);
      }
      r.timestampMs = BASE_TIME_MS + i * 3600000;
      r.lastUpdated = new Date(r.timestampMs).toISOString();
      ext.versions.push(r);
    });
    for (const ext of this.extensions.values()) {
      // newest first; equal versions adjacent (protocol §2.4)
      ext.versions.sort((a, b) => compareVersions(b.version, a.version)
        || String(a.targetPlatform).localeCompare(String(b.targetPlatform)));
      const latest = ext.versions[0];
      Object.assign(ext, {
        displayName: latest.displayName, shortDescription: latest.description,
        tags: latest.tags, categories: latest.categories,
        publishedDate: ext.versions.map((v) => v.lastUpdated).sort()[0],
        lastUpdated: ext.versions.map((v) => v.lastUpdated).sort().pop(),
      });
    }
  }

  get(publisher, name) {
    return this.extensions.get(`${publisher}.${name}`.toLowerCase()) || null;
  }

  byUuid(uuid) {
    for (const ext of this.extensions.values()) if (ext.uuid === String(uuid).toLowerCase()) return ext;
    return null;
  }

  /** The version record for an asset request, or null. */
  version(publisher, name, version, targetPlatform) {
    const ext = this.get(publisher, name);
    if (!ext) return null;
    const tp = targetPlatform || null;
    return ext.versions.find((v) => v.version === version && v.targetPlatform === tp)
      || (tp ? null : ext.versions.find((v) => v.version === version && v.targetPlatform === null)) || null;
  }

  assetUri(ext, v) {
    return `https://${ext.publisher}.gallerycdn.vsassets.io/extensions/${ext.publisher}/${ext.name}/${v.version}/${v.timestampMs}`;
  }

  fallbackAssetUri(ext, v) {
    return `https://${ext.publisher}.gallery.vsassets.io/_apis/public/gallery/publisher/${ext.publisher}/extension/${ext.name}/${v.version}/assetbyname`;
  }
}

module.exports = { Catalog, compareVersions };

'use strict';
// The fake update service (update.code.visualstudio.com) and download CDN (vscode.download.prss.microsoft.com):
// /work/shared/reference/vscode-protocol.md §5.1 (update check, IUpdate JSON, 204) and §5.2 (redirect endpoints).
const crypto = require('crypto');

// Two linux-x64 stable builds: OLD is what the "client" runs, NEW is the newest release.
const OLD_COMMIT = 'a1b2c3d4e5a1b2c3d4e5a1b2c3d4e5a1b2c3d4e5';
const NEW_COMMIT = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';

function fakeBuildBytes(seed, size) {
  // deterministic pseudo-random bytes: a chain of SHA-256 blocks
  const out = Buffer.alloc(size);
  let block = crypto.createHash('sha256').update(seed).digest();
  for (let off = 0; off < size; off += block.length) {
    block.copy(out, off, 0, Math.min(block.length, size - off));
    block = crypto.createHash('sha256').update(block).digest();
  }
  return out;
}

function build(commit, productVersion, timestamp, size) {
  const bytes = fakeBuildBytes(`vscmirror-acceptance-${commit}`, size);
  const file = `code-stable-x64-${Math.floor(timestamp / 1000)}.tar.gz`;
  return {
    commit, productVersion, timestamp, bytes, file,
    url: `https://vscode.download.prss.microsoft.com/dbazure/download/stable/${commit}/${file}`,
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    sha1: crypto.createHash('sha1').update(bytes).digest('hex'),
  };
}

// platform -> quality -> builds, newest first
const BUILDS = {
  'linux-x64': {
    stable: [
      build(NEW_COMMIT, '1.139.1', Date.UTC(2026, 10, 20, 12, 0, 0), 300 * 1024 + 17),
      build(OLD_COMMIT, '1.139.0', Date.UTC(2026, 10, 6, 12, 0, 0), 290 * 1024 + 3),
    ],
  },
};

function updateJson(b) {
  return {
    url: b.url, name: b.productVersion, version: b.commit, productVersion: b.productVersion,
    hash: b.sha1, timestamp: b.timestamp, sha256hash: b.sha256, supportsFastUpdate: true,
  };
}

/**
 * Routes for update.code.visualstudio.com. Returns {status, headers, body} or null when no route matches.
 * @param path the path without the query
 */
function updateRoute(path) {
  let m = /^\/api\/update\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(path);
  if (m) {
    const builds = (BUILDS[m[1]] || {})[m[2]];
    if (!builds) return { status: 404, json: { error: 'unknown platform or quality' } };
    const newest = builds[0];
    if (m[3] === newest.commit) return { status: 204 }; // up to date (§5.1)
    return { status: 200, json: updateJson(newest) }; // any other commit, or "latest"
  }
  m = /^\/api\/releases\/(stable|insider)$/.exec(path);
  if (m) {
    const versions = new Set();
    for (const q of Object.values(BUILDS)) for (const b of q[m[1]] || []) versions.add(b.productVersion);
    return { status: 200, json: [...versions] };
  }
  m = /^\/(commit:[0-9a-f]{40}|latest|\d+\.\d+\.\d+)\/([^/]+)\/([^/]+)$/.exec(path);
  if (m) {
    const builds = (BUILDS[m[2]] || {})[m[3]] || [];
    const b = m[1] === 'latest' ? builds[0]
      : m[1].startsWith('commit:') ? builds.find((x) => x.commit === m[1].slice(7))
        : builds.find((x) => x.productVersion === m[1]);
    if (!b) return { status: 404, json: { error: 'build not found' } };
    return { status: 302, headers: { location: b.url } };
  }
  return null;
}

/** Routes for vscode.download.prss.microsoft.com: the build files themselves. */
function downloadRoute(path) {
  for (const q of Object.values(BUILDS)) {
    for (const builds of Object.values(q)) {
      for (const b of builds) {
        if (path === new URL(b.url).pathname) {
          return { status: 200, headers: { 'content-type': 'application/gzip' }, body: b.bytes };
        }
      }
    }
  }
  return null;
}

module.exports = { updateRoute, downloadRoute, BUILDS, OLD_COMMIT, NEW_COMMIT };

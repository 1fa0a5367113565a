#!/usr/bin/env node
'use strict';
// A fake Visual Studio Marketplace + update service for the acceptance suite (Node stdlib only).
// One HTTPS listener on loopback answers every Microsoft name by its Host header, the way the real
// services answer (see /work/shared/reference/vscode-protocol.md §2-§5): it knows nothing about the mirror.
//
// Usage: node server.js --listen 127.0.0.1:0 --cert server.crt --key server.key --vsix-dir DIR
//                       [--port-file FILE] [--log FILE]
const crypto = require('crypto');
const fs = require('fs');
const https = require('https');
const path = require('path');
const zlib = require('zlib');
const { Catalog } = require('./catalog');
const { extensionQuery, latest } = require('./query');
const { updateRoute, downloadRoute } = require('./updates');

function parseArgs(argv) {
  const args = { listen: '127.0.0.1:0' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '').replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (argv[i + 1] === undefined) throw new Error(`missing value for ${argv[i]}`);
    args[key] = argv[i + 1];
  }
  for (const required of ['cert', 'key', 'vsixDir']) {
    if (!args[required]) throw new Error(`--${required.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())} is required`);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const vsixFiles = fs.readdirSync(args.vsixDir).filter((f) => f.endsWith('.vsix')).map((f) => path.join(args.vsixDir, f));
const catalog = new Catalog(vsixFiles);
const logStream = args.log ? fs.createWriteStream(args.log, { flags: 'a' }) : null;

// The control manifest (§4), as a CDN serves it: a static file with validators.
const CONTROL_MANIFEST = Buffer.from(JSON.stringify({
  malicious: ['vscmbad.evil'],
  learnMoreLinks: {},
  migrateToPreRelease: {},
  deprecated: { 'vscmacme.oldie': { disallowInstall: true, extension: { id: 'vscmacme.hello', displayName: 'Acme Hello' } } },
  search: [{ query: 'hello', preferredResults: ['vscmacme.hello'] }],
  extensionsEnabledWithPreRelease: [],
}) + '\n');
const CONTROL_ETAG = '"0x8DE' + crypto.createHash('md5').update(CONTROL_MANIFEST).digest('hex').slice(0, 11).toUpperCase() + '"';
const CONTROL_LAST_MODIFIED = 'Mon, 30 Nov 2026 08:00:00 GMT';

const TEXT_TYPES = {
  'Microsoft.VisualStudio.Code.Manifest': 'application/json',
  'Microsoft.VisualStudio.Services.VsixManifest': 'text/xml',
  'Microsoft.VisualStudio.Services.Content.Details': 'text/plain',
  'Microsoft.VisualStudio.Services.Content.Changelog': 'text/plain',
  'Microsoft.VisualStudio.Services.Content.License': 'text/plain',
};

function send(req, res, answer) {
  const headers = { ...(answer.headers || {}) };
  let body = answer.body;
  if (answer.json !== undefined) {
    body = Buffer.from(JSON.stringify(answer.json));
    headers['content-type'] = headers['content-type'] || 'application/json; charset=utf-8';
  }
  body = body || Buffer.alloc(0);
  if (answer.gzip && body.length > 0 && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
    body = zlib.gzipSync(body);
    headers['content-encoding'] = 'gzip';
    headers.vary = 'Accept-Encoding';
  }
  headers['content-length'] = String(body.length);
  res.writeHead(answer.status, headers);
  res.end(body);
  const line = `${new Date().toISOString()} ${req.method} https://${req.headers.host}${req.url} -> ${answer.status} ${body.length}`
    + (answer.note ? ` ${answer.note}` : '');
  if (logStream) logStream.write(line + '\n');
  process.stdout.write(line + '\n');
}

function assetAnswer(v, assetType) {
  const body = v && v.assets.get(assetType);
  if (!body) return { status: 404, json: { message: `asset ${assetType} not found` } };
  const type = TEXT_TYPES[assetType];
  return {
    status: 200, body, gzip: Boolean(type), // text assets are compressed like the CDN does
    headers: { 'content-type': type || 'application/octet-stream', 'cache-control': 'public, max-age=31536000' },
  };
}

const GALLERY_HEADERS = () => ({
  activityid: crypto.randomUUID(), 'x-vss-e2eid': crypto.randomUUID(), 'cache-control': 'no-cache',
});

function marketplace(req, u, body) {
  const p = u.pathname;
  if (req.method === 'POST' && /^\/_apis\/public\/gallery\/(searchrelevancy\/)?extensionquery$/.test(p)) {
    let parsed;
    try { parsed = JSON.parse(body.toString('utf8')); } catch (e) { return { status: 400, json: { message: 'invalid JSON' } }; }
    try {
      const answer = extensionQuery(catalog, parsed);
      const headers = { ...GALLERY_HEADERS(), 'content-type': 'application/json; charset=utf-8; api-version=3.0-preview.1' };
      return { status: 200, json: answer, headers, gzip: true, note: `flags=${parsed.flags} body=${body.toString('utf8')}` };
    } catch (e) {
      return { status: 400, json: { message: e.message } };
    }
  }
  let m = /^\/_apis\/public\/gallery\/vscode\/([^/]+)\/([^/]+)\/latest$/.exec(p);
  if (m && req.method === 'GET') {
    const ext = latest(catalog, m[1], m[2]);
    if (!ext) return { status: 404, json: { message: `extension ${m[1]}.${m[2]} not found` } };
    return { status: 200, json: ext, gzip: true, headers: { ...GALLERY_HEADERS(), 'content-type': 'application/json; charset=utf-8; api-version=7.2-preview' } };
  }
  if (req.method === 'POST' && (/\/stats$/.test(p) || /\/vscodewebextension$/.test(p))) return { status: 200 };
  m = /^\/_apis\/public\/gallery\/publishers\/([^/]+)\/vsextensions\/([^/]+)\/([^/]+)\/vspackage$/.exec(p);
  if (m && req.method === 'GET') { // §3.6: the VSIX itself, gzip-encoded when the client accepts it
    const ext = catalog.get(m[1], m[2]);
    const version = m[3] === 'latest' && ext ? ext.versions.find((v) => !v.preRelease)?.version : m[3];
    const v = catalog.version(m[1], m[2], version, u.searchParams.get('targetPlatform'));
    return { ...assetAnswer(v, 'Microsoft.VisualStudio.Services.VSIXPackage'), gzip: true };
  }
  return null;
}

function route(req, u, body) {
  const host = String(req.headers.host || '').replace(/:\d+$/, '').toLowerCase();
  const p = u.pathname;
  let m;
  if (host === 'marketplace.visualstudio.com') return marketplace(req, u, body);
  if ((m = /^([a-z0-9-]+)\.gallerycdn\.vsassets\.io$/.exec(host))) {
    const a = /^\/extensions\/([^/]+)\/([^/]+)\/([^/]+)\/(\d+)\/([^/]+)$/.exec(p);
    if (!a || a[1] !== m[1] || req.method !== 'GET' && req.method !== 'HEAD') return null;
    const v = catalog.version(a[1], a[2], a[3], u.searchParams.get('targetPlatform'));
    if (!v || String(v.timestampMs) !== a[4]) return null;
    return assetAnswer(v, a[5]);
  }
  if ((m = /^([a-z0-9-]+)\.gallery\.vsassets\.io$/.exec(host))) {
    const a = /^\/_apis\/public\/gallery\/publisher\/([^/]+)\/extension\/([^/]+)\/([^/]+)\/assetbyname\/([^/]+)$/.exec(p);
    if (!a || a[1] !== m[1]) return null;
    const tp = u.searchParams.get('targetPlatform');
    const v = catalog.version(a[1], a[2], a[3], tp);
    if (!v) return null;
    if (u.searchParams.get('redirect') === 'true') { // §3: 302 to the gallerycdn copy of the same file
      const ext = catalog.get(a[1], a[2]);
      const location = `${catalog.assetUri(ext, v)}/${a[4]}${tp ? `?targetPlatform=${tp}` : ''}`;
      return v.assets.has(a[4]) ? { status: 302, headers: { location } } : assetAnswer(null, a[4]);
    }
    return assetAnswer(v, a[4]);
  }
  if (host === 'update.code.visualstudio.com') return updateRoute(p);
  if (host === 'vscode.download.prss.microsoft.com') return downloadRoute(p);
  if (host === 'main.vscode-cdn.net' && p === '/extensions/marketplace.json') {
    const headers = { 'content-type': 'application/json', etag: CONTROL_ETAG, 'last-modified': CONTROL_LAST_MODIFIED, 'cache-control': 'max-age=300' };
    if (req.headers['if-none-match'] === CONTROL_ETAG) return { status: 304, headers };
    return { status: 200, body: CONTROL_MANIFEST, headers };
  }
  if (host === 'www.vscode-unpkg.net' && (m = /^\/_gallery\/([^/]+)\/([^/]+)\/latest$/.exec(p))) {
    const ext = latest(catalog, m[1], m[2]);
    return ext ? { status: 200, json: ext } : { status: 404, json: { message: 'not found' } };
  }
  if ((m = /^([a-z0-9-]+)\.vscode-unpkg\.net$/.exec(host)) && host !== 'www.vscode-unpkg.net') {
    const a = /^\/([^/]+)\/([^/]+)\/([^/+]+)(?:\+([^/]+))?\/(.+)$/.exec(p);
    if (!a || a[1] !== m[1]) return null;
    const v = catalog.version(a[1], a[2], a[3], a[4]);
    const file = v && v.entries.get(decodeURIComponent(a[5]));
    return file ? { status: 200, body: file, headers: { 'content-type': 'application/octet-stream', 'access-control-allow-origin': '*' } } : null;
  }
  return null; // includes mobile.events.data.microsoft.com (telemetry): 404 is enough for the clients
}

function handle(req, res) {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let answer;
    try {
      answer = route(req, new URL(req.url, `https://${req.headers.host || 'unknown'}`), Buffer.concat(chunks));
    } catch (e) {
      answer = { status: 500, json: { message: String(e && e.message) } };
    }
    send(req, res, answer || { status: 404, json: { message: 'not found' } });
  });
}

const [host, port] = [args.listen.replace(/:\d+$/, ''), Number(args.listen.replace(/^.*:/, ''))];
const server = https.createServer({ cert: fs.readFileSync(args.cert), key: fs.readFileSync(args.key) }, handle);
server.keepAliveTimeout = 30000;
server.listen(port, host, () => {
  const actual = server.address().port;
  if (args.portFile) fs.writeFileSync(args.portFile, String(actual));
  process.stdout.write(`fake upstream: ${catalog.extensions.size} extensions from ${vsixFiles.length} VSIX files, listening on https://${host}:${actual}\n`);
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

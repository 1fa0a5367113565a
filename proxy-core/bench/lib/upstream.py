#!/usr/bin/env python3
"""A tiny local upstream for the benchmarks (loopback only, TLS with its own test CA).

  upstream.py serve --cert C --key K --port-file F     serve until killed
  upstream.py write N FILE                             write the same N body bytes to FILE (for nginx)

Routes (any host name; the mirror reaches it through --upstream-override):
  GET  /.../<N>.bin                      N bytes generated on the fly (a fixed 1 MiB pseudo-random block repeated),
                                         Content-Length set, never held in memory as a whole
  POST /_apis/public/gallery/extensionquery
                                         a deterministic gallery answer shaped like protocol §2 (one result,
                                         `pageSize` extensions with versions, files and properties)
  GET  /healthz                          200
"""
import hashlib
import http.server
import json
import random
import re
import socketserver
import ssl
import sys

BLOCK = random.Random(20261205).randbytes(1 << 20)


def body_chunks(n):
    while n > 0:
        k = min(n, len(BLOCK))
        yield BLOCK[:k]
        n -= k


def gallery_answer(query):
    flt = (query.get("filters") or [{}])[0]
    size = int(flt.get("pageSize") or 50)
    seed = hashlib.sha256(json.dumps(query, sort_keys=True).encode()).hexdigest()
    rnd = random.Random(seed)
    exts = []
    for i in range(min(size, 100)):
        pub, name = f"pub{rnd.randrange(5000)}", f"ext{rnd.randrange(100000)}"
        versions = []
        for v in range(3):
            ver = f"1.{rnd.randrange(50)}.{v}"
            base = f"https://{pub}.gallerycdn.vsassets.io/extensions/{pub}/{name}/{ver}/1700000000000"
            versions.append({
                "version": ver, "flags": "validated", "lastUpdated": "2026-11-01T10:00:00.000Z",
                "files": [{"assetType": t, "source": f"{base}/{t}"} for t in (
                    "Microsoft.VisualStudio.Code.Manifest", "Microsoft.VisualStudio.Services.VSIXPackage",
                    "Microsoft.VisualStudio.Services.Icons.Default", "Microsoft.VisualStudio.Services.Content.Details")],
                "properties": [{"key": "Microsoft.VisualStudio.Code.Engine", "value": "^1.80.0"},
                               {"key": "Microsoft.VisualStudio.Code.ExtensionDependencies", "value": ""}],
                "assetUri": base, "fallbackAssetUri": base,
            })
        exts.append({
            "publisher": {"publisherId": seed[:8], "publisherName": pub, "displayName": pub.title(),
                          "flags": "verified"},
            "extensionId": hashlib.md5(f"{pub}.{name}".encode()).hexdigest(), "extensionName": name,
            "displayName": name.title(), "flags": "validated, public", "shortDescription": "synthetic " * 8,
            "versions": versions, "categories": ["Other"], "tags": ["bench"],
            "statistics": [{"statisticName": "install", "value": rnd.randrange(10 ** 6)}],
        })
    return {"results": [{"extensions": exts, "pagingToken": None, "resultMetadata": [
        {"metadataType": "ResultCount", "metadataItems": [{"name": "TotalCount", "count": len(exts)}]}]}]}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/healthz":
            return self.small(200, b"ok\n", "text/plain")
        m = re.search(r"/(\d+)\.bin$", path)
        if not m:
            return self.small(404, b'{"error":"no such bench path"}\n', "application/json")
        n = int(m.group(1))
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(n))
        self.send_header("Cache-Control", "public, max-age=86400")
        self.end_headers()
        if self.command == "GET":
            for chunk in body_chunks(n):
                self.wfile.write(chunk)

    do_HEAD = do_GET

    def do_POST(self):
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b""
        if not self.path.split("?", 1)[0].endswith("/extensionquery"):
            return self.small(404, b'{"error":"no such bench path"}\n', "application/json")
        try:
            query = json.loads(raw or b"{}")
        except ValueError:
            return self.small(400, b'{"error":"bad json"}\n', "application/json")
        self.small(200, json.dumps(gallery_answer(query)).encode(), "application/json; charset=utf-8")

    def small(self, status, body, ctype):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024


def serve(args):
    opts = dict(zip(args[::2], args[1::2]))
    srv = Server(("127.0.0.1", int(opts.get("--port", "0"))), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(opts["--cert"], opts["--key"])
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    with open(opts["--port-file"], "w") as f:
        f.write(str(srv.server_address[1]))
    srv.serve_forever()


def write(n, path):
    with open(path, "wb") as f:
        for chunk in body_chunks(int(n)):
            f.write(chunk)


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        serve(sys.argv[2:])
    elif sys.argv[1:2] == ["write"]:
        write(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)

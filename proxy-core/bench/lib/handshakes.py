#!/usr/bin/env python3
"""A small TLS handshake client for the benchmarks (OpenSSL through Python's ssl module).

  handshakes.py rate  PORT SNI SECONDS PROCS     full handshakes per second (PROCS processes, each: TCP connect,
                                                  full handshake with SNI, close; no session reuse)
  handshakes.py names PORT PATTERN COUNT          handshake latency for COUNT distinct names (PATTERN has one %d):
                                                  first contact (the server mints) then again (cached);
                                                  prints "new_p50_ms new_p90_ms cached_p50_ms failures"

Both sides of a comparison are driven by the same client, so its own cost is the same for both. The server's
certificate is not verified (the figure is the server's handshake cost, not the client's path building); every
handshake is a fresh SSLSocket without a session, so TLS 1.3 tickets are never used.
"""
import multiprocessing
import socket
import ssl
import statistics
import sys
import time


def context():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def handshake(ctx, port, sni):
    with socket.create_connection(("127.0.0.1", port), timeout=30) as raw:
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with ctx.wrap_socket(raw, server_hostname=sni) as tls:
            return tls.version()


def worker(port, sni, seconds, out):
    ctx = context()
    n = fails = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            handshake(ctx, port, sni)
            n += 1
        except (OSError, ssl.SSLError):
            fails += 1
            if fails > 1000:
                break
    out.put((n, fails))


def rate(port, sni, seconds, procs):
    out = multiprocessing.Queue()
    ps = [multiprocessing.Process(target=worker, args=(port, sni, seconds, out)) for _ in range(procs)]
    t0 = time.monotonic()
    for p in ps:
        p.start()
    results = [out.get(timeout=seconds + 60) for _ in ps]
    for p in ps:
        p.join(timeout=10)
    elapsed = time.monotonic() - t0
    n = sum(r[0] for r in results)
    fails = sum(r[1] for r in results)
    print(f"{n / elapsed:.1f} {fails}")


def names(port, pattern, count):
    ctx = context()
    new, cached, fails = [], [], 0
    for i in range(count):
        sni = pattern % i
        for bucket in (new, cached):
            t0 = time.perf_counter()
            try:
                handshake(ctx, port, sni)
                bucket.append((time.perf_counter() - t0) * 1000)
            except (OSError, ssl.SSLError):
                fails += 1
    if not new or not cached:
        print(f"NA NA NA {fails}")
        return
    new.sort()
    print(f"{statistics.median(new):.3f} {new[int(len(new) * 0.9) - 1 if len(new) > 1 else 0]:.3f} "
          f"{statistics.median(cached):.3f} {fails}")


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "rate":
        rate(int(args[0]), args[1], float(args[2]), int(args[3]))
    elif mode == "names":
        names(int(args[0]), args[1], int(args[2]))
    else:
        sys.exit(__doc__)

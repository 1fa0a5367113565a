#!/usr/bin/env python3
"""Hold N idle keep-alive TLS connections to a server (for the memory benchmark).

  idle.py PORT SNI PATH N HOLD_SECONDS READY_FILE

Opens N connections (full handshake with SNI each), sends one keep-alive GET PATH on each and reads the answer,
then writes "opened ok failed" to READY_FILE and holds the connections open for HOLD_SECONDS (or until killed).
The certificate is not verified: the point is the server's memory per connection.
"""
import socket
import ssl
import sys
import time


def read_answer(tls):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = tls.recv(65536)
        if not chunk:
            raise OSError("closed before headers")
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    status = int(head.split(b" ", 2)[1])
    while len(rest) < length:
        chunk = tls.recv(65536)
        if not chunk:
            raise OSError("closed in body")
        rest += chunk
    return status


def main(port, sni, path, n, hold, ready_file):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    conns, ok, failed = [], 0, 0
    request = f"GET {path} HTTP/1.1\r\nHost: {sni}\r\nConnection: keep-alive\r\n\r\n".encode()
    for _ in range(n):
        try:
            raw = socket.create_connection(("127.0.0.1", port), timeout=30)
            tls = ctx.wrap_socket(raw, server_hostname=sni)
            tls.sendall(request)
            if read_answer(tls) == 200:
                ok += 1
            else:
                failed += 1
            conns.append(tls)
        except (OSError, ssl.SSLError, ValueError):
            failed += 1
    with open(ready_file, "w") as f:
        f.write(f"{len(conns)} {ok} {failed}\n")
    time.sleep(hold)
    for c in conns:
        c.close()


if __name__ == "__main__":
    a = sys.argv[1:]
    main(int(a[0]), a[1], a[2], int(a[3]), float(a[4]), a[5])

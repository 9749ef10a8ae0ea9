#!/usr/bin/env python3
"""The hostile half of the soak run (issue 18 item 11; scripts/load.sh --hostile runs it).

    scripts/hostile.py HOST PORT SECONDS [SLOW_HEADERS=200] [STALLED_BODIES=200] [BURST=32]

For SECONDS, against a storewise server on HOST:PORT:
  - SLOW_HEADERS connections from 127.0.0.2 that send a request head one header line every 2 s
    and never finish it (reopened whenever the server drops one);
  - STALLED_BODIES connections from 127.0.0.3 that send a whole head declaring a 100 KB YAML body,
    ten bytes of it, then nothing (reopened likewise);
  - every 20 s from the start (at 5 s, 25 s, 45 s, ...) a burst of BURST clients from 127.0.0.4
    posting the heaviest workload file at once (scripts/heaviest.py).
Each kind comes from its own loopback address so the per-client connection cap applies to it
and not to the normal clients on 127.0.0.1. Prints one line per kind: connections opened, how
many the server dropped, and the burst's status codes.
"""
import http.client
import selectors
import socket
import sys
import threading
import time

from heaviest import heaviest

host, port, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
slow_n = int(sys.argv[4]) if len(sys.argv) > 4 else 200
stalled_n = int(sys.argv[5]) if len(sys.argv) > 5 else 200
burst_n = int(sys.argv[6]) if len(sys.argv) > 6 else 32
end = time.monotonic() + seconds
stats = {"slow": [0, 0], "stalled": [0, 0]}  # opened, dropped by the server
codes: list[str] = []
lock = threading.Lock()

HEAD = f"POST /api/analyze HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/yaml\r\n"


def opener(kind: str, source: str):
    def open_one():
        s = socket.socket()
        s.setblocking(True)
        s.settimeout(2)
        try:
            s.bind((source, 0))
            s.connect((host, port))
            if kind == "slow":
                s.sendall(HEAD.encode())
            else:
                s.sendall((HEAD + "Content-Length: 100000\r\n\r\nstores:\n  ").encode())
        except OSError:
            s.close()
            return None
        s.setblocking(False)
        stats[kind][0] += 1
        return s
    return open_one


def idle_connections():
    """Keeps the slow-header and stalled-body connections open until the end."""
    sel = selectors.DefaultSelector()
    openers = {"slow": opener("slow", "127.0.0.2"), "stalled": opener("stalled", "127.0.0.3")}
    wanted = {"slow": slow_n, "stalled": stalled_n}
    live = {"slow": set(), "stalled": set()}
    next_trickle = time.monotonic() + 2
    while time.monotonic() < end:
        for kind, n in wanted.items():
            while len(live[kind]) < n and time.monotonic() < end:
                s = openers[kind]()
                if s is None:
                    time.sleep(0.05)
                    break
                live[kind].add(s)
                sel.register(s, selectors.EVENT_READ, kind)
        for key, _ in sel.select(timeout=0.2):
            s, kind = key.fileobj, key.data
            try:
                data = s.recv(4096)
            except OSError:
                data = b""
            if not data:  # the server closed it (or answered and closed)
                sel.unregister(s)
                s.close()
                live[kind].discard(s)
                stats[kind][1] += 1
        if time.monotonic() >= next_trickle:
            next_trickle += 2
            for s in list(live["slow"]):
                try:
                    s.send(b"X-Slow: 1\r\n")
                except OSError:
                    pass
    for kind in live:
        for s in live[kind]:
            s.close()


def heavy(body: bytes):
    try:
        c = http.client.HTTPConnection(host, port, timeout=60, source_address=("127.0.0.4", 0))
        c.request("POST", "/api/analyze", body=body, headers={"Content-Type": "application/yaml"})
        r = c.getresponse()
        r.read()
        code = str(r.status)
        c.close()
    except OSError as e:
        code = type(e).__name__
    with lock:
        codes.append(code)


def bursts():
    body = heaviest()
    start = time.monotonic()
    at = 5.0
    while start + at < end:
        time.sleep(max(0.0, start + at - time.monotonic()))
        ts = [threading.Thread(target=heavy, args=(body,)) for _ in range(burst_n)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        at += 20.0


threads = [threading.Thread(target=idle_connections), threading.Thread(target=bursts)]
for t in threads:
    t.start()
for t in threads:
    t.join()
counts = {c: codes.count(c) for c in sorted(set(codes))}
print(f"slow-header connections: {slow_n} held, {stats['slow'][0]} opened, {stats['slow'][1]} dropped by the server")
print(f"stalled-body connections: {stalled_n} held, {stats['stalled'][0]} opened, {stats['stalled'][1]} dropped by the server")
print(f"heavy bursts: {len(codes)} requests of {len(heaviest())} bytes, answers {counts}")

#!/usr/bin/env python3
"""Memory of the server under a burst of heavy analyses (issue 18, BENCHMARKS.md).

    scripts/memory-burst.py BINARY PORT FILE [CLIENTS]

FILE `-` generates the heaviest file measured (scripts/heaviest.py: 473 KB, 2,400 bottlenecks,
a 35 MB report).

Starts `BINARY serve` on 127.0.0.1:PORT with a throwaway link database, posts FILE to
/api/analyze from CLIENTS threads at once (default 32), and prints the idle RSS, the peak
(VmHWM), the RSS right after and 30 s later, how long the burst took and the status codes.
"""
import sys, subprocess, tempfile, time, threading, urllib.request, urllib.error, os

from heaviest import heaviest

binary, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
clients = int(sys.argv[4]) if len(sys.argv) > 4 else 32
body = heaviest() if path == '-' else open(path, 'rb').read()
db = os.path.join(tempfile.mkdtemp(), 'links.db')
p = subprocess.Popen([binary, 'serve', '--addr', f'127.0.0.1:{port}', '--db', db], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
def rss(field):
    for line in open(f'/proc/{p.pid}/status'):
        if line.startswith(field): return int(line.split()[1])//1024
for _ in range(100):
    try:
        urllib.request.urlopen(f'http://127.0.0.1:{port}/healthz', timeout=1); break
    except Exception: time.sleep(0.1)
idle = rss('VmRSS')
codes = []
def one():
    req = urllib.request.Request(f'http://127.0.0.1:{port}/api/analyze', data=body, headers={'content-type':'application/yaml'})
    try:
        with urllib.request.urlopen(req, timeout=60) as r: r.read(); codes.append(r.status)
    except urllib.error.HTTPError as e: codes.append(e.code)
    except Exception as e: codes.append(str(e)[:30])
t0 = time.time()
ts = [threading.Thread(target=one) for _ in range(clients)]
[t.start() for t in ts]; [t.join() for t in ts]
took = time.time() - t0
peak = rss('VmHWM'); after = rss('VmRSS')
time.sleep(30); later = rss('VmRSS')
print(f"idle {idle} MB, peak {peak} MB, right after {after} MB, 30 s later {later} MB, burst {took:.1f} s, codes {sorted(set(map(str,codes)))} x{len(codes)}")
p.terminate(); p.wait()

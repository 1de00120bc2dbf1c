#!/usr/bin/env python3
"""Slow clients against a running `pathway serve`, and an ordinary client beside them.

For SECONDS, CONNECTIONS attackers spread over 127.0.0.2 and up (every 127/8 address is this
machine) each send half a request head and then one more header byte every 5 s, never
finishing it (slowloris); a connection the server cuts is opened again at once, one it
refuses a second later. Meanwhile
the ordinary client, from 127.0.0.1, asks for URL every 250 ms on a connection of its own.

Prints how many ordinary requests were answered and how fast, how many attacker connections
the server refused at once (closed within a second of opening) or cut later (idle timeout),
and the most held open at one time.

    slow_clients.py PORT TOKEN URLPATH [CONNECTIONS] [SECONDS] [PER_ADDRESS] [head|body]

With `body`, each attacker sends a whole request head instead (an outcome POST announcing a
100,000-byte body) and then the body a byte every 5 s.
"""
import collections
import selectors
import socket
import sys
import threading
import time

port, token, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
connections = int(sys.argv[4]) if len(sys.argv) > 4 else 20000
seconds = float(sys.argv[5]) if len(sys.argv) > 5 else 45
per_address = int(sys.argv[6]) if len(sys.argv) > 6 else 100
mode = sys.argv[7] if len(sys.argv) > 7 else "head"
opening = (b"GET /healthz HTTP/1.1\r\nHost: pathway\r\nX-Slow: " if mode == "head" else
           f"POST /v1/referrals/1/outcome HTTP/1.1\r\nHost: pathway\r\nAuthorization: Bearer {token}\r\n"
           "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{".encode())

begun = time.monotonic()
stop = begun + seconds
ordinary = []  # (seconds, status line or error)


def ordinary_client():
    while time.monotonic() < stop:
        started = time.monotonic()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
                s.sendall(f"GET {path} HTTP/1.1\r\nHost: pathway\r\nAuthorization: Bearer {token}\r\n"
                          "Connection: close\r\n\r\n".encode())
                data = b""
                while chunk := s.recv(65536):
                    data += chunk
                status = data.split(b"\r\n", 1)[0].decode(errors="replace") or "closed without an answer"
        except OSError as error:
            status = f"error: {error}"
        ordinary.append((time.monotonic() - started, status, started - begun))
        time.sleep(max(0.0, 0.25 - (time.monotonic() - started)))


selector = selectors.DefaultSelector()
opened_at = {}
retry = collections.deque()  # (when, index), in order of when
refused = cut = failed_opens = 0
peak = 0


def open_one(index):
    global failed_opens
    source = f"127.0.{2 + index // per_address // 250}.{2 + (index // per_address) % 250}"
    s = socket.socket()
    try:
        s.bind((source, 0))
        s.settimeout(0.5)
        s.connect(("127.0.0.1", port))
        s.send(opening)
        s.setblocking(False)
    except OSError:
        failed_opens += 1
        s.close()
        return
    opened_at[s] = (time.monotonic(), index)
    selector.register(s, selectors.EVENT_READ)


thread = threading.Thread(target=ordinary_client)
thread.start()
opened = 0
last_trickle = time.monotonic()
while time.monotonic() < stop:
    # Open them 200 at a time between reads, so that closes are seen while the rest open.
    for _ in range(min(200, connections - opened)):
        open_one(opened)
        opened += 1
    for key, _ in selector.select(timeout=0.05):
        s = key.fileobj
        try:
            data = s.recv(4096)
        except OSError:
            data = b""
        if data:
            continue
        when, index = opened_at.pop(s)
        selector.unregister(s)
        s.close()
        if time.monotonic() - when < 1:
            refused += 1
            retry.append((time.monotonic() + 1, index))
        else:
            cut += 1
            retry.append((time.monotonic(), index))
    while retry and retry[0][0] <= time.monotonic() and time.monotonic() < stop:
        open_one(retry.popleft()[1])
    peak = max(peak, len(opened_at))
    if time.monotonic() - last_trickle > 5:
        last_trickle = time.monotonic()
        for s in list(opened_at):
            try:
                s.send(b"x" if mode == "head" else b" ")
            except OSError:
                pass
thread.join()
held = len(opened_at)
for s in list(opened_at):
    s.close()

answered = [t for t, status, _ in ordinary if status.startswith("HTTP/1.1 200")]
other = [(status, at) for _, status, at in ordinary if not status.startswith("HTTP/1.1 200")]
answered.sort()
print(f"slow clients ({'half a head' if mode == 'head' else 'a whole head, then the body a byte every 5 s'}): "
      f"{connections} over {(connections + per_address - 1) // per_address} addresses for {seconds:.0f} s")
print(f"  refused at once: {refused}; cut after going silent: {cut}; open at once, at most: {peak}; at the end: {held}; could not open: {failed_opens}")
if answered:
    print(f"  ordinary requests answered 200: {len(answered)} of {len(ordinary)}, median {answered[len(answered)//2]*1000:.1f} ms, "
          f"p99 {answered[int(len(answered)*0.99)]*1000:.1f} ms, max {answered[-1]*1000:.1f} ms")
else:
    print(f"  ordinary requests answered 200: 0 of {len(ordinary)}")
if other:
    print(f"  not answered: {len(other)}, e.g. {other[0][0]}; asked {min(at for _, at in other):.1f} to "
          f"{max(at for _, at in other):.1f} s into the attack")
slowest = sorted((t, at) for t, status, at in ordinary if status.startswith("HTTP/1.1 200"))[-3:]
print("  slowest answers: " + ", ".join(f"{t * 1000:.0f} ms at {at:.1f} s" for t, at in slowest))

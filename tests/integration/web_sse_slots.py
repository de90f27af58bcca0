#!/usr/bin/env python3
# web_sse_slots.py - for web_api.sh: live streams give their slot back when
# the client goes. Opens the server's limit of streams (alternating the alert
# and incident streams), checks one more is refused 503, closes them all,
# and does it again for several rounds: each round must get every slot back
# within a bounded wait. Prints "PASS desc" / "FAIL desc" lines.
import socket, sys, time

HOST, PORT, TOKEN, LIMIT = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
ROUNDS, WAIT_S = 3, 20
PATHS = ["/api/v1/events/alerts", "/api/v1/events/incidents"]

def say(good, desc):
    print(("PASS " if good else "FAIL ") + desc, flush=True)

def open_stream(i):
    """A connected stream and its HTTP status (the socket stays open)."""
    s = socket.create_connection((HOST, PORT), timeout=10)
    s.sendall(("GET %s HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\nAccept: text/event-stream\r\n\r\n"
               % (PATHS[i % 2], HOST, TOKEN)).encode())
    head = b""
    while b"\r\n" not in head:
        chunk = s.recv(256)
        if not chunk: break
        head += chunk
    parts = head.split(b" ", 2)
    return s, int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0

def fill(deadline):
    """LIMIT streams, retrying refusals until the deadline; returns the open sockets."""
    held = []
    while len(held) < LIMIT and time.monotonic() < deadline:
        s, st = open_stream(len(held))
        if st == 200: held.append(s)
        else:
            s.close()
            time.sleep(0.2)
    return held

connects = 0
for rnd in range(1, ROUNDS + 1):
    held = fill(time.monotonic() + WAIT_S)
    connects += len(held)
    say(len(held) == LIMIT, "round %d: all %d stream slots are free again (%d held)" % (rnd, LIMIT, len(held)))
    extra, st = open_stream(rnd)
    extra.close()
    say(st == 503, "round %d: stream %d is refused while %d are open (HTTP %d)" % (rnd, LIMIT + 1, LIMIT, st))
    for s in held: s.close()
say(connects > LIMIT, "%d streams opened and closed, more than the limit of %d" % (connects, LIMIT))
s, st = open_stream(0)
s.close()
deadline = time.monotonic() + WAIT_S
while st != 200 and time.monotonic() < deadline:
    time.sleep(0.2)
    s, st = open_stream(0)
    s.close()
say(st == 200, "after them a new client still connects (HTTP %d)" % st)

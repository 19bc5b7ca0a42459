"""
gunicorn's settings for `make serve`, `make bench` and `make prove`.

Browsers open connections before they need them and may leave them idle, and
the shops' customers reach the API directly. A sync worker that accepted such
a connection would wait on it with its whole process: two idle connections
stalled every request until gunicorn killed the workers. So the kernel hands
a TCP connection to a worker only once its request has begun to arrive
(TCP_DEFER_ACCEPT, what nginx's "deferred" listen option does).
"""

import os
import socket

worker_class = "sync"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))

# Longer than browsers keep a connection they never used (Chromium: 10 s).
DEFER_ACCEPT_SECONDS = 30


def when_ready(server):
    """Defer accepting each TCP listener's connections until they send."""
    if not hasattr(socket, "TCP_DEFER_ACCEPT"):  # Linux only
        return
    for listener in server.LISTENERS:
        if listener.FAMILY in (socket.AF_INET, socket.AF_INET6):
            listener.sock.setsockopt(
                socket.IPPROTO_TCP, socket.TCP_DEFER_ACCEPT, DEFER_ACCEPT_SECONDS
            )

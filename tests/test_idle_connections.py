"""
Connections that send nothing must not hold up the server.

Browsers open connections before they need them and may leave them idle; the
shop's customers reach the API directly. gunicorn with this repository's
settings (gunicorn.conf.py) must go on answering while such connections are
open, within the embed script's 4 s wait.
"""

import os
import socket
import urllib.request

import pytest

from tests.production_server import free_port, gunicorn, wait_ready

IDLE_CONNECTIONS = 6  # more than there are workers
DEADLINE = 3  # seconds; the embed script gives up after 4

pytestmark = pytest.mark.skipif(
    not hasattr(socket, "TCP_DEFER_ACCEPT"), reason="gunicorn.conf.py defers accepting on Linux"
)


@pytest.fixture
def server(tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'idle.sqlite3'}",
        "DEBUG": "0",
        "SECRET_KEY": "idle-connections-test-key-" + "x" * 40,
        "LOG_LEVEL": "WARNING",
    }
    base = f"http://127.0.0.1:{port}"
    with gunicorn(env, port):
        wait_ready(base, path="/healthz")
        yield base, port


@pytest.fixture
def idle(server):
    """Connections to the server that send nothing, as a browser's spare ones."""
    _base, port = server
    connections = [socket.create_connection(("127.0.0.1", port)) for _ in range(IDLE_CONNECTIONS)]
    yield connections
    for connection in connections:
        connection.close()


def get(url):
    """Return the status of a GET, failing after DEADLINE seconds."""
    with urllib.request.urlopen(url, timeout=DEADLINE) as response:  # noqa: S310 (our server)
        return response.status


def test_requests_are_answered_while_idle_connections_are_open(server, idle):
    base, _port = server
    for _ in range(4):  # each worker gets some of them
        assert get(base + "/healthz") == 200


def test_a_connection_that_was_idle_is_answered_when_it_sends(server, idle):
    base, _port = server
    assert get(base + "/healthz") == 200
    late = idle[0]
    late.settimeout(DEADLINE)
    late.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    assert late.recv(64).startswith(b"HTTP/1.1 200")

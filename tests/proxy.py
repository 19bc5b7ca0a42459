"""A proxy in front of our server that holds each request back first: how the
tests and `make bench` make our server slow or hanging."""

import threading
import urllib.error
import urllib.request
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def holding_proxy(base, hold):
    """Yield the proxy's URL; each request calls `hold()`, then goes on to `base`."""

    class Holding(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            hold()
            length = int(self.headers.get("Content-Length") or 0)
            request = urllib.request.Request(  # noqa: S310 (our own server)
                base + self.path,
                data=self.rfile.read(length) if length else None,
                method=self.command,
                headers={k: v for k, v in self.headers.items() if k.lower() != "host"},
            )
            try:
                try:
                    response = urllib.request.urlopen(request)  # noqa: S310 (our own server)
                except urllib.error.HTTPError as error:
                    response = error
                body = response.read()
                self.send_response(response.status)
                for name, value in response.headers.items():
                    if name.lower() not in ("connection", "transfer-encoding", "content-length"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:  # the browser went on meanwhile, or the server stopped first
                pass

        do_POST = do_GET

    proxy = ThreadingHTTPServer(("127.0.0.1", 0), Holding)
    proxy.daemon_threads = True
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{proxy.server_port}"
    finally:
        proxy.shutdown()
        proxy.server_close()

import signal


class Stopping:
    """Turns true on Ctrl-C or SIGTERM, so a loop finishes its round and ends."""

    def __init__(self):
        self.requested = False
        signal.signal(signal.SIGINT, self.request)
        signal.signal(signal.SIGTERM, self.request)

    def request(self, *_args):
        self.requested = True

    def __bool__(self):
        return self.requested

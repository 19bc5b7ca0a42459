"""
Run the web server, the task worker and the periodic jobs together.

runserver reloads itself on code changes and waits out a broken file; the
worker and the periodic jobs crash on one, so they are started again (every
few seconds, until the file is fixed) instead of stopping everything. Only
the web server ending (a taken port, Ctrl-C) stops all.
"""

import subprocess
import sys
import time
import urllib.request

from django.core.management.base import BaseCommand, CommandError

from thankyou.management.stopping import Stopping

RESTART_SECONDS = 3


class Command(BaseCommand):
    help = "Run runserver, the task worker and the periodic jobs together; Ctrl-C stops all."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")

    def handle(self, *args, **options):
        manage = [sys.executable, "manage.py"]
        commands = {
            "web": [*manage, "runserver", options["addr"]],
            "worker": [*manage, "db_worker", "--interval", "0.5", "--verbosity", "0"],
            "periodic": [*manage, "periodic"],
        }
        processes = {name: subprocess.Popen(cmd) for name, cmd in commands.items()}  # noqa: S603
        restart_at = {}
        url = f"http://{options['addr']}/"
        self.stdout.write(f"Starting {url} (web, worker, periodic jobs); Ctrl-C stops all.")
        stopping = Stopping()
        failed = None
        announced = False
        try:
            while not stopping:
                if not announced and answers(url + "healthz"):
                    self.stdout.write(self.style.SUCCESS(f"Serving {url}"))
                    announced = True
                for name, process in processes.items():
                    if process.poll() is None or stopping:
                        continue
                    if name == "web":
                        self.stderr.write(f"web exited with {process.returncode}; stopping.")
                        failed = "web" if process.returncode else None
                        stopping.request()
                    elif name not in restart_at:
                        self.stderr.write(
                            f"{name} exited with {process.returncode}; "
                            f"starting it again in {RESTART_SECONDS} s."
                        )
                        restart_at[name] = time.monotonic() + RESTART_SECONDS
                for name, due in list(restart_at.items()):
                    if time.monotonic() >= due and not stopping:
                        del restart_at[name]
                        processes[name] = subprocess.Popen(commands[name])  # noqa: S603
                time.sleep(0.5)
        finally:
            for process in processes.values():
                if process.poll() is None:
                    process.terminate()
            for process in processes.values():
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        if failed:  # say so to make and to scripts, e.g. when the port is taken
            raise CommandError(f"{failed} failed", returncode=processes[failed].returncode)


def answers(url):
    """Whether the web server answers at ``url`` yet (it starts in seconds, not at once)."""
    try:
        with urllib.request.urlopen(url, timeout=1):  # noqa: S310 (our own http URL)
            return True
    except OSError:
        return False

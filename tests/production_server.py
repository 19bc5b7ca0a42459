"""
A production-like server for `make bench` and `make prove`: gunicorn with
2 workers on PostgreSQL and Redis, seeded with the demo shop.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN", "postgres://postgres@127.0.0.1:5432/postgres")
DB_NAME = os.environ.get("BENCH_DB", "thankyou_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(port):
    return {
        **os.environ,
        "DATABASE_URL": PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + DB_NAME,
        "REDIS_URL": REDIS_URL,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PUBLIC_URL": f"http://127.0.0.1:{port}",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        # The load comes from one client: the per-client limit would be the bottleneck.
        "RATE_RENDER_PER_CLIENT": "0",
        "RATE_EVENTS_PER_CLIENT": "0",
        "RATE_ACTIONS_PER_CLIENT": "0",
        "RATE_EVENTS_PER_SHOP": "100000000",  # still counted in Redis, never reached
        "LOG_LEVEL": "WARNING",
    }


def create_database():
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def wait_ready(url, timeout=30, path="/readyz"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + path, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not become ready")


def demo_tokens(env, orders=0):
    """
    Sign one token per sample customer, as the demo shop's backend would;
    with `orders`, also "orders": that many VIP orders, each with its own
    number, first name and order time (spread over a week).
    """
    code = (
        "import json\n"
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "from thankyou.models import Shop\n"
        "from thankyou.targeting.personas import PERSONAS, persona_claims\n"
        "from thankyou.core.signing import sign_claims\n"
        "shop = Shop.objects.get(key='demo')\n"
        "tokens = {name: sign_claims(shop, persona_claims(p, shop, 'de-DE'))"
        " for name, p in PERSONAS.items()}\n"
        "names = ['Anna', 'Jonas', 'Mia', 'Lukas', 'Lea', 'Finn', 'Emma', 'Paul']\n"
        "def order(n):\n"
        "    now = timezone.now() - timedelta(minutes=17 * n)\n"
        "    claims = persona_claims(PERSONAS['vip'], shop, 'de-DE', now=now,"
        " order_number=f'B-{n}')\n"
        "    claims['customer']['first_name'] = names[n % len(names)]\n"
        "    return sign_claims(shop, claims)\n"
        f"tokens['orders'] = [order(n) for n in range({orders})]\n"
        "print(json.dumps(tokens))\n"
    )
    return json.loads(shell(env, code))


def shell(env, code):
    """Run Python code in `manage.py shell` for the server's settings; return its last line."""
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return output.strip().splitlines()[-1]


@contextmanager
def production_server(workers=2, **env_overrides):
    """Migrate, seed and start gunicorn; yield (base URL, env, process); stop it."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**server_env(port), **env_overrides}
    create_database()
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "seed_demo", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    with gunicorn(env, port, workers) as process:
        wait_ready(base)
        yield base, env, process


@contextmanager
def gunicorn(env, port, workers=2):
    """Run gunicorn with the repository's settings (gunicorn.conf.py); stop it."""
    process = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "cms.wsgi",
            "--config=gunicorn.conf.py",
            f"--workers={workers}",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def wrk(url, lua=None, *, seconds, connections=16, timeout=None):
    """Run wrk; return requests/s, p50 and p99 in ms, non-2xx and socket errors.

    ``timeout`` (seconds, wrk's default 2): slower answers count as socket errors."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if timeout:
        command.append(f"--timeout={timeout}s")
    if lua:
        command += ["-s", lua]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": _ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99_ms": _ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


def _ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return round(float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit], 3)


def post_script(body, tmp, name="post"):
    """A wrk script POSTing `body`, or each of a list of bodies in turn, accepting
    compressed answers as browsers do (the render compresses for them)."""
    bodies = body if isinstance(body, list) else [body]
    script = tmp / f"{name}.lua"
    script.write_text(
        "local bodies = {" + ",".join(json.dumps(b) for b in bodies) + "}\n"
        "local n = 0\n"
        "request = function()\n"
        "  n = n % #bodies + 1\n"
        '  return wrk.format("POST", nil, {["Content-Type"] = "text/plain", '
        '["Accept-Encoding"] = "gzip, deflate, br, zstd"}, bodies[n])\n'
        "end\n"
    )
    return str(script)


def render(base, token):
    """The render response's JSON for the token."""
    request = urllib.request.Request(
        base + "/api/v1/render",
        data=json.dumps({"token": token}).encode(),
        headers={"Content-Type": "text/plain"},
    )
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def events_body(base, token, batch=20):
    """Render the page for the token; return an events batch of `batch` for it."""
    rendered = render(base, token)
    blocks = [block["id"] for block in rendered["blocks"]]
    kinds = ["block_view", "click", "download", "video_play", "answer"]
    events = [{"type": "view"}] + [
        {"type": kinds[n % len(kinds)], "block": blocks[n % len(blocks)], "detail": f"q{n}"}
        for n in range(batch - 1)
    ]
    return json.dumps({"action_token": rendered["action_token"], "events": events})


def stored_events(env):
    """How many raw events the database holds."""
    return int(shell(env, "from thankyou.models import Event; print(Event.objects.count())"))

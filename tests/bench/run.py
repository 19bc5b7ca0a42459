"""
`make bench`: the server as in production, measured against a baseline.

Starts gunicorn (2 workers) on PostgreSQL and Redis, and measures in the same
run a bare Django view (/healthz, the full middleware stack and nothing else)
as the baseline, then the render endpoint, the embed script's size and the
time from script start to visible content in Chromium. Prints JSON; a copy
goes to var/bench/latest.json.
"""

import gzip
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 16
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
        "RATE_RENDER_PER_CLIENT": "0",
        "RATE_RENDER_PER_SHOP": "0",
        "LOG_LEVEL": "WARNING",
    }


def create_database():
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def wait_ready(url, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server did not become ready")


def wrk(url, lua=None):
    """Run wrk at CONNECTIONS connections; return requests/s, p50 and p99 in ms."""
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}s", "--latency"]
    if lua:
        command += ["-s", lua]
    output = subprocess.run(  # noqa: S603
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": _ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1)),
        "p99_ms": _ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1)),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


def _ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return round(float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit], 3)


def post_script(path, body, tmp):
    script = tmp / "post.lua"
    script.write_text(
        'wrk.method = "POST"\n'
        'wrk.headers["Content-Type"] = "text/plain"\n'
        f"wrk.body = {json.dumps(body)}\n"
    )
    return str(script)


def demo_tokens(env):
    """Sign one token per sample customer, as the demo shop's backend would."""
    code = (
        "import json\n"
        "from thankyou.models import Shop\n"
        "from thankyou.personas import PERSONAS, persona_claims\n"
        "from thankyou.signing import sign_claims\n"
        "shop = Shop.objects.get(key='demo')\n"
        "print(json.dumps({name: sign_claims(shop, persona_claims(p, shop, 'de-DE'))"
        " for name, p in PERSONAS.items()}))\n"
    )
    output = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def embed_size(base, token):
    """Bytes gzipped of the script and everything it loads for the demo page."""
    with urllib.request.urlopen(base + "/embed/v1.js") as response:  # noqa: S310
        script = response.read()
    request = urllib.request.Request(  # noqa: S310
        base + "/api/v1/render",
        data=json.dumps({"token": token}).encode(),
        headers={"Content-Type": "text/plain"},
    )
    with urllib.request.urlopen(request) as response:  # noqa: S310
        rendered = json.loads(response.read())
    parts = {"script": script, "css": rendered["css"].encode()}
    for url in rendered["scripts"]:
        with urllib.request.urlopen(url) as response:  # noqa: S310
            parts[url.rsplit("/", 1)[-1]] = response.read()
    sizes = {name: len(gzip.compress(data, 9)) for name, data in parts.items()}
    return {"parts_gzipped": sizes, "total_gzipped": sum(sizes.values())}


def time_to_visible(base, runs=15):
    """Median ms from the script starting to the content being in the page."""
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()
        for _ in range(runs):
            page.goto(base + "/demo/?customer=vip")
            page.wait_for_function(
                "() => performance.getEntriesByName('thankyou:visible').length > 0"
            )
            results.append(
                page.evaluate(
                    "() => performance.getEntriesByName('thankyou:visible')[0].startTime"
                    " - performance.getEntriesByName('thankyou:start')[0].startTime"
                )
            )
        browser.close()
    return {"median_ms": round(statistics.median(results), 1), "max_ms": round(max(results), 1)}


def main():
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = server_env(port)
    tmp = ROOT / "var" / "bench"
    tmp.mkdir(parents=True, exist_ok=True)

    create_database()
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "seed_demo", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    tokens = demo_tokens(env)

    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "cms.wsgi",
            "--workers=2",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        wait_ready(base)
        render_lua = post_script("/api/v1/render", json.dumps({"token": tokens["vip"]}), tmp)
        wrk(base + "/healthz")  # warm-up
        baseline = wrk(base + "/healthz")
        wrk(base + "/api/v1/render", render_lua)  # warm-up
        render = wrk(base + "/api/v1/render", render_lua)
        results = {
            "machine": {"cpus": os.cpu_count(), "platform": sys.platform},
            "connections": CONNECTIONS,
            "seconds_per_measurement": DURATION,
            "baseline_healthz": baseline,
            "render": {
                **render,
                "throughput_ratio_to_baseline": round(
                    render["requests_per_second"] / baseline["requests_per_second"], 3
                ),
            },
            "embed": embed_size(base, tokens["vip"]),
            "time_to_visible": time_to_visible(base),
        }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    (tmp / "latest.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

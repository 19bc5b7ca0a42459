"""
`make bench`: the server as in production, measured against a baseline.

Starts gunicorn (2 workers) on PostgreSQL and Redis, and measures in the same
run a bare Django view (/healthz, the full middleware stack and nothing else)
as the baseline, then the render endpoint (warm: 1 000 distinct orders in
turn, each page already cached; cold: nothing cached), event ingestion (batches of 20),
the roll-up of what was ingested, the embed script's size and the time from
script start to visible content in Chromium. Prints JSON; a copy
goes to var/bench/latest.json.
"""

import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request

from tests.production_server import (
    PYTHON,
    ROOT,
    demo_tokens,
    events_body,
    post_script,
    production_server,
    render,
    wrk,
)

DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = 16
ORDERS = 1000  # distinct orders rendered in turn: the cache is warm for the page, not the order


def embed_size(base, token):
    """Bytes gzipped of the script and everything it loads for the demo page."""
    with urllib.request.urlopen(base + "/embed/v1.js") as response:
        script = response.read()
    rendered = render(base, token)
    parts = {"script": script, "css": rendered["css"].encode()}
    for url in rendered["scripts"]:
        with urllib.request.urlopen(url) as response:
            parts[url.rsplit("/", 1)[-1]] = response.read()
    sizes = {name: len(gzip.compress(data, 9)) for name, data in parts.items()}
    total = sum(sizes.values())
    return {"parts_gzipped": sizes, "total_gzipped": total, "within_4_kb": total <= 4096}


# The shadow root's content appearing, seen from the page (the script ships no marks).
SEE_CONTENT = """
(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    new MutationObserver((_, observer) => {
      window.__thankyouVisible = performance.now();
      observer.disconnect();
    }).observe(root, { childList: true });
    return root;
  };
})();
"""


def time_to_visible(base, runs=15):
    """Median ms from the script arriving to its content being in the page."""
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()
        page.add_init_script(SEE_CONTENT)
        for _ in range(runs):
            page.goto(base + "/demo/?customer=vip")
            page.wait_for_function("() => window.__thankyouVisible")
            results.append(
                page.evaluate(
                    "() => window.__thankyouVisible - performance.getEntriesByType('resource')"
                    ".find(entry => entry.name.includes('/embed/v1.js')).responseEnd"
                )
            )
        browser.close()
    return {"median_ms": round(statistics.median(results), 1), "max_ms": round(max(results), 1)}


def measure_render(base, tokens, tmp):
    """Render throughput for these orders, one after another (a list) or one order."""
    tokens = tokens if isinstance(tokens, list) else [tokens]
    script = post_script([json.dumps({"token": token}) for token in tokens], tmp)
    wrk(base + "/api/v1/render", script, seconds=DURATION)  # warm-up
    return wrk(base + "/api/v1/render", script, seconds=DURATION, connections=CONNECTIONS)


def measure_events(base, token, tmp, batch=20):
    """Ingest batches of `batch` events for one order; events/s over 2xx answers only."""
    script = post_script(events_body(base, token, batch), tmp, "events")
    wrk(base + "/api/v1/events", script, seconds=DURATION)  # warm-up
    result = wrk(base + "/api/v1/events", script, seconds=DURATION, connections=CONNECTIONS)
    return {
        **result,
        "events_per_request": batch,
        "events_per_second": round(result["requests_per_second"] * batch),
    }


def measure_rollup(env):
    """Roll up everything the ingestion stored; events read per second."""
    started = time.perf_counter()
    output = subprocess.run(
        [PYTHON, "manage.py", "rollup_events"],
        cwd=ROOT,
        env={**env, "ROLLUP_LAG": "0"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    seconds = time.perf_counter() - started
    read = int(re.search(r"Rolled up (\d+) events", output).group(1))
    return {
        "events": read,
        "seconds": round(seconds, 1),
        "events_per_second": round(read / seconds),
    }


def ratio(measured, baseline):
    return round(measured["requests_per_second"] / baseline["requests_per_second"], 3)


def main():
    tmp = ROOT / "var" / "bench"
    tmp.mkdir(parents=True, exist_ok=True)
    with production_server() as (base, env, _process):
        tokens = demo_tokens(env, orders=ORDERS)
        wrk(base + "/healthz", seconds=DURATION)  # warm-up
        baseline = wrk(base + "/healthz", seconds=DURATION, connections=CONNECTIONS)
        warm = measure_render(base, tokens["orders"], tmp)
        events = measure_events(base, tokens["vip"], tmp)
        rolled = measure_rollup(env)
        embed = {persona: embed_size(base, tokens[persona]) for persona in ("guest", "vip")}
        visible = time_to_visible(base)
    with production_server(THANKYOU_CACHE="0") as (base, env, _process):
        cold = measure_render(base, demo_tokens(env)["vip"], tmp)
    results = {
        "machine": {"cpus": os.cpu_count(), "platform": sys.platform},
        "server": "gunicorn (gunicorn.conf.py), 2 sync workers, PostgreSQL, Redis",
        "connections": CONNECTIONS,
        "seconds_per_measurement": DURATION,
        "baseline_healthz": baseline,
        "render_warm_cache": {
            **warm,
            "distinct_orders": ORDERS,
            "throughput_ratio_to_baseline": ratio(warm, baseline),
        },
        "render_cold_cache": {**cold, "throughput_ratio_to_baseline": ratio(cold, baseline)},
        "event_ingestion": {**events, "throughput_ratio_to_baseline": ratio(events, baseline)},
        "rollup": rolled,
        "embed": embed,
        "time_to_visible": visible,
    }
    (tmp / "latest.json").write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

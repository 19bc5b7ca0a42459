"""
The npm package (integrations/npm/): built from the embed script and the
OpenAPI schema, packed with `npm pack`, installed into a small shop app and
run in Chromium under a strict Content Security Policy with no inline script.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

NPM = shutil.which("npm")
PACKAGE = Path(settings.BASE_DIR) / "integrations" / "npm"
SHOP = "https://shop.example"

pytestmark = [
    pytest.mark.skipif(NPM is None, reason="The npm package's tests need Node and npm (.ci/run)"),
]


def npm(*args, cwd):
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "PYTHON": sys.executable}
    env |= {"HOME": str(Path.home()), "npm_config_update_notifier": "false"}
    return subprocess.run(  # noqa: S603 (our own npm, our own arguments)
        [NPM, *args], cwd=cwd, env=env, check=True, capture_output=True, text=True
    ).stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A shop app with the package installed from its tarball, as a shop installs it."""
    out = tmp_path_factory.mktemp("npm")
    npm("ci", "--no-audit", "--no-fund", cwd=PACKAGE)
    npm("pack", "--pack-destination", str(out), cwd=PACKAGE)
    npm("run", "typecheck", cwd=PACKAGE)  # the generated types, used from TypeScript
    [tarball] = out.glob("thankyou-embed-*.tgz")
    app = out / "app"
    app.mkdir()
    (app / "package.json").write_text('{"name": "shop-app", "private": true, "type": "module"}')
    npm("install", "--no-audit", "--no-fund", str(tarball), cwd=app)
    # Bundle-free: the shop's module imports the installed file by its path.
    (app / "app.js").write_text(
        'import { render } from "./node_modules/thankyou-embed/dist/index.js";\n'
        'const slot = document.getElementById("thank-you");\n'
        "render({ server: slot.dataset.server, token: slot.dataset.token, target: slot })\n"
        "  .then((host) => { document.body.dataset.rendered = host ? host.id : 'nothing'; });\n"
    )
    return app


def test_the_package_carries_types_from_the_schema(installed):
    types = installed / "node_modules" / "thankyou-embed" / "dist"
    assert "RenderResponse" in (types / "api.d.ts").read_text()
    assert "export function render(options: RenderOptions)" in (types / "index.d.ts").read_text()
    assert not (PACKAGE / "dist" / "index.js").read_text().count("d.currentScript")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_installed_package_shows_the_content_under_a_strict_policy(
    installed, server, browser, make_shop, make_page, token_for
):
    shop = make_shop("npmshop", allowed_origins=SHOP)
    make_page(shop, body=[("heading", {"text": "Danke aus dem Paket", "subtitle": ""})])
    html = (
        "<!doctype html><html><head><title>Shop</title>"
        "<script type='module' src='/app.js'></script></head><body>"
        "<h1>Order confirmed</h1>"
        f"<div id='thank-you' data-server='{server}' data-token='{token_for(shop)}'></div>"
        "</body></html>"
    )
    csp = (
        f"default-src 'none'; script-src 'self' {server}; connect-src {server}; "
        f"img-src {server}; media-src {server}; style-src 'none'"
    )
    page = browser.new_context().new_page()
    errors, warnings = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: m.type in ("warning", "error") and warnings.append(m.text))

    def serve(route):
        path = route.request.url.removeprefix(SHOP).split("?")[0]
        if path == "/":
            route.fulfill(
                body=html, headers={"Content-Type": "text/html", "Content-Security-Policy": csp}
            )
        else:
            route.fulfill(path=installed / path.lstrip("/"), content_type="text/javascript")

    page.route(f"{SHOP}/**", serve)
    page.goto(f"{SHOP}/")
    page.locator("#thank-you").get_by_text("Danke aus dem Paket").wait_for()
    page.wait_for_function("() => document.body.dataset.rendered === 'thank-you'")
    assert errors == [] and warnings == [], (errors, warnings)

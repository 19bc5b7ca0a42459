"""
The shop plugins (integrations/): their PHP, installed from the zips
integrations/build.py makes, signs tokens this server verifies and renders.

Each plugin's own code (WooCommerce's hook, Shopware's subscriber, Magento's
block) runs against stand-ins of its platform (integrations/tests/render.php);
the token in the tag it prints goes to the render API as the embed script
sends it, and once, in Chromium, the tag itself runs on a shop's page.
"""

import json
import shutil
import subprocess
import sys
import xml.dom.minidom
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from thankyou.core.claims import validate_claims
from thankyou.targeting.models import Segment

PHP = shutil.which("php")
PHPUNIT = shutil.which("phpunit")
INTEGRATIONS = Path(settings.BASE_DIR) / "integrations"
SCENARIOS = INTEGRATIONS / "tests" / "scenarios"
SERVER = "https://thankyou.example"
PLATFORMS = {
    "shopware6": ("ThankyouEmbed.zip", "ThankyouEmbed"),
    "woocommerce": ("thankyou-embed.zip", "thankyou-embed"),
    "magento2": ("Thankyou_Embed.zip", "app/code/Thankyou/Embed"),
}

pytestmark = pytest.mark.skipif(
    PHP is None, reason="The shop plugins' tests need PHP: apt install php-cli (.ci/run does)"
)


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    """Each plugin's zip, built and unpacked as the platform installs it."""
    out = tmp_path_factory.mktemp("plugins")
    build = [sys.executable, INTEGRATIONS / "build.py", out]
    subprocess.run(build, check=True, capture_output=True)
    unpacked = out / "installed"
    for platform, (zip_name, _folder) in PLATFORMS.items():
        with zipfile.ZipFile(out / zip_name) as archive:
            archive.extractall(unpacked / platform)
    return {
        platform: {"zip": out / zip_name, "dir": unpacked / platform / folder}
        for platform, (zip_name, folder) in PLATFORMS.items()
    }


def confirmation_page(package, platform, scenario, *, server, shop_key, kid, secret, nonce=""):
    """What the installed plugin puts on the order-confirmation page."""
    result = subprocess.run(
        [PHP, INTEGRATIONS / "tests" / "render.php", platform, scenario, package["dir"]],
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "THANKYOU_SERVER_URL": server,
            "THANKYOU_SHOP_KEY": shop_key,
            "THANKYOU_KEY_ID": kid,
            "THANKYOU_SECRET": secret,
            "THANKYOU_CSP_NONCE": nonce,
        },
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def tag_attributes(html):
    """The attributes of the page's one script tag, as an HTML parser reads them."""
    tags = []
    parser = HTMLParser()
    parser.handle_starttag = lambda tag, attributes: tags.append((tag, dict(attributes)))
    parser.feed(html)
    parser.close()
    (script,) = [attributes for tag, attributes in tags if tag == "script"]
    assert len(tags) == 1, html
    return script


@pytest.fixture
def shop_with_pages(make_shop, make_page):
    """A shop with a default page and a VIP page, each greeting by first name."""
    shop = make_shop("plugin-shop")
    vip = Segment.objects.create(
        shop=shop,
        name="VIP",
        conditions=[("customer_score", {"minimum": 80, "maximum": None})],
    )
    make_page(
        shop, title="Danke", body=[("heading", {"text": "Danke, {first_name}!", "subtitle": ""})]
    )
    make_page(
        shop,
        title="Danke, VIP",
        segment=vip,
        priority=10,
        body=[("heading", {"text": "Schön, dich wiederzusehen, {first_name}!", "subtitle": ""})],
    )
    return shop


@pytest.fixture
def signed_page(shop_with_pages):
    """What an installed plugin of the shop prints, configured with its key and secret."""
    signing = shop_with_pages.secrets.get()

    def page(package, platform, scenario, secret=None, server=SERVER, nonce=""):
        return confirmation_page(
            package,
            platform,
            scenario,
            server=server,
            shop_key=shop_with_pages.key,
            kid=signing.kid,
            secret=secret or signing.secret,
            nonce=nonce,
        )

    return page


@pytest.mark.skipif(PHPUNIT is None, reason="The plugins' PHP unit tests need apt install phpunit")
def test_the_plugins_php_unit_tests_pass():
    result = subprocess.run(
        [PHPUNIT, "-c", INTEGRATIONS / "phpunit.xml"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK (" in result.stdout


@pytest.mark.parametrize("platform", PLATFORMS)
def test_each_package_carries_the_shared_library_unchanged(packages, platform):
    package = packages[platform]
    library = INTEGRATIONS / "php-common"
    shipped = package["dir"] / "lib" / "thankyou-common"
    sources = [library / "autoload.php", *sorted((library / "src").glob("*.php"))]
    copies = [shipped / "autoload.php", *sorted((shipped / "src").glob("*.php"))]
    assert [p.relative_to(shipped) for p in copies] == [p.relative_to(library) for p in sources]
    for source, copy in zip(sources, copies, strict=True):
        assert copy.read_bytes() == source.read_bytes(), copy
    names = zipfile.ZipFile(package["zip"]).namelist()
    assert not [name for name in names if "/tests/" in name], "tests and stand-ins stay out"


@pytest.mark.parametrize("platform", PLATFORMS)
def test_each_packages_php_parses_and_its_xml_is_well_formed(packages, platform):
    root = packages[platform]["dir"]
    for path in sorted(root.rglob("*.php")):
        result = subprocess.run([PHP, "-l", path], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
    for path in sorted(root.rglob("*.xml")):
        xml.dom.minidom.parse(str(path))
    for path in sorted(root.rglob("*.json")):
        json.loads(path.read_text())


@pytest.mark.django_db
@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize(
    ("scenario", "title", "greeting"),
    [
        ("first-order", "Danke", "Danke, Anna!"),
        ("vip", "Danke, VIP", "Schön, dich wiederzusehen, Viktor!"),
    ],
)
def test_each_plugin_signs_a_token_the_server_verifies_and_renders(
    api, packages, signed_page, platform, scenario, title, greeting
):
    tag = tag_attributes(signed_page(packages[platform], platform, SCENARIOS / f"{scenario}.json"))
    assert tag["src"] == f"{SERVER}/embed/v1.js"
    assert "async" in tag
    response = api.render({"token": tag["data-token"]})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["page"]["title"] == title, "the VIP page is the VIP's: orders and spend counted"
    assert greeting in body["html"]


@pytest.mark.django_db
@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_token_signed_with_a_wrong_secret_is_refused(api, packages, signed_page, platform):
    html = signed_page(
        packages[platform], platform, SCENARIOS / "first-order.json", secret="not-the-secret"
    )
    response = api.render({"token": tag_attributes(html)["data-token"]})
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_signature"


ODD_SHOP = {
    "locale": "de_DE_formal",
    "order": {
        "id": 3003,
        "number": "SO-3003",
        "created_at": "2026-11-25 09:15:00",
        "currency": "JPY",
        "total": "15000",
        "items": [
            {
                "sku": f"SKU-{i}",
                "name": "Über-langer Name \x00 mit Nullzeichen " + "ä" * 400,
                "category": "Tee",
                "quantity": 1,
                "price": "30",
            }
            for i in range(600)
        ],
        "shipping": {"country": "Deutschland", "method": "  "},
    },
    "customer": {
        "id": 9,
        "first_name": "\u00a0Zoë\u3000",
        "email": "zoe@example",
        "is_guest": False,
        "newsletter": None,
    },
    "history": [{"id": 1, "total": "0.1", "currency": "JPY", "created_at": "0000-00-00 00:00:00"}],
    "referral": "not a code",
}


@pytest.mark.django_db
@pytest.mark.parametrize("platform", PLATFORMS)
def test_an_odd_order_costs_its_odd_values_never_the_page(
    api, packages, signed_page, platform, tmp_path
):
    """NUL characters, 600 long items, yen, a country's name, an e-mail the
    server would refuse: the plugin leaves out or cuts what the server would
    refuse, so the customer still gets the page."""
    scenario = tmp_path / "odd.json"
    scenario.write_text(json.dumps(ODD_SHOP))
    token = tag_attributes(signed_page(packages[platform], platform, scenario))["data-token"]
    assert len(token.encode()) <= settings.THANKYOU["TOKEN_MAX_BYTES"]
    response = api.render({"token": token})
    assert response.status_code == 200, response.content
    assert "Danke, Zoë!" in response.json()["html"]


def test_what_the_library_keeps_the_server_accepts():
    """Cross-check of the PHP library's cleaning with the server's own checks,
    on values a shop may hold."""
    values = {
        "emails": [
            "anna@example.com",
            "o'brien@example.ie",
            "anna@münchen.de",
            "anna@localhost",
            "anna@example",
            "änna@example.com",
            '"anna"@example.com',
            "anna@[127.0.0.1]",
            "a..b@example.com",
            "x@" + "a" * 64 + ".com",
            "anna@exa_mple.com",
            "anna@example.c0m",
            "anna@xn--mnchen-3ya.de",
        ],
        "locales": ["de_DE", "de-DE", "de_DE_formal", "zh-Hant-TW", "x", "de-", "en_US.UTF-8"],
        "countries": ["de", "DEU", "Deutschland", "D1"],
        "currencies": ["eur", "JPY", "KWD", "€", "EURO"],
        "amounts": [0.1 + 0.2, "129.9", "999.995", "-1", "1e3", 1e15, "12,50"],
    }
    script = """
        require $argv[1];
        use Thankyou\\Common\\{Claims, Text};
        $v = json_decode(file_get_contents('php://stdin'), true);
        $claims = [];
        foreach ($v['emails'] as $i => $email) {
            $order = [
                'id' => $i,
                'currency' => $v['currencies'][$i % 5],
                'total' => $v['amounts'][$i % 7],
                'shipping' => ['country' => $v['countries'][$i % 4]],
            ];
            $options = ['locale' => $v['locales'][$i % 7], 'now' => 1795000000];
            $claims[] = Claims::build('acme', $order, ['email' => $email], $options);
        }
        $kept = array_map([Text::class, 'email'], $v['emails']);
        echo json_encode(['claims' => $claims, 'kept' => $kept]);
    """
    result = subprocess.run(
        [PHP, "-r", script, INTEGRATIONS / "php-common" / "autoload.php"],
        input=json.dumps(values),
        capture_output=True,
        text=True,
        check=True,
    )
    output = json.loads(result.stdout)
    for claims in output["claims"]:
        _data, errors = validate_claims(claims, 500)
        assert errors == {}, claims
    kept = dict(zip(values["emails"], output["kept"], strict=True))
    for email, copy in kept.items():
        if copy is not None:
            assert copy == email
            validate_email(email)  # what the library keeps, the server takes
    assert [email for email, copy in kept.items() if copy] == [
        "anna@example.com",
        "o'brien@example.ie",
        "anna@münchen.de",
        "anna@localhost",
        "anna@xn--mnchen-3ya.de",
    ]
    for email in ('"anna"@example.com', "anna@[127.0.0.1]"):
        validate_email(email)  # the library leaves out these rare forms the server would take
    for email in ("anna@example", "änna@example.com", "a..b@example.com", "anna@example.c0m"):
        with pytest.raises(ValidationError):
            validate_email(email)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_tag_shows_the_page_on_a_shop_with_a_strict_csp_by_its_nonce(
    server, browser, packages, shop_with_pages, signed_page
):
    """Shopware's tag carries the finish page's nonce: a shop whose policy
    allows scripts by nonce only shows the personal page, nothing blocked."""
    shop_origin = "https://shop.example"
    shop_with_pages.allowed_origins = shop_origin
    shop_with_pages.save()
    tag = signed_page(
        packages["shopware6"],
        "shopware6",
        SCENARIOS / "first-order.json",
        server=server,
        nonce="r4nd0m",
    )
    csp = (
        f"default-src 'none'; script-src 'nonce-r4nd0m'; connect-src {server}; "
        f"img-src {server}; media-src {server}; style-src 'none'"
    )
    html = f"<!doctype html><html><head><title>Bestellung</title></head><body>{tag}</body></html>"
    context = browser.new_context()
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.route(
        f"{shop_origin}/checkout/finish",
        lambda route: route.fulfill(
            status=200,
            headers={"Content-Type": "text/html", "Content-Security-Policy": csp},
            body=html,
        ),
    )
    page.goto(f"{shop_origin}/checkout/finish")
    page.locator("thankyou-page").get_by_text("Danke, Anna!").wait_for()
    context.close()
    assert problems == []

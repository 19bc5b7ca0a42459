"""A designer scaffolds a block type with startblock; the core stays untouched."""

import gettext
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

EDITOR_TEST = """
from html import unescape

from thankyou.models import Shop, ShopRootPage, ThankYouPage
from thankyou.targeting.personas import PERSONAS, persona_claims
from thankyou.core.signing import sign_claims


def test_the_block_is_in_the_editors_block_list(admin_client):
    shop = Shop.objects.create(key="acme", name="Acme")
    root = ShopRootPage.objects.get(shop=shop, locale__language_code="de")
    page = root.add_child(instance=ThankYouPage(title="Danke", body=[]))
    html = unescape(admin_client.get(f"/cms/pages/{page.pk}/edit/").content.decode())
    assert "Sparkle note" in html and '"sparkle_note"' in html


def test_a_published_page_thanks_each_customer_by_name(client, db):
    shop = Shop.objects.create(key="acme", name="Acme")
    root = ShopRootPage.objects.get(shop=shop, locale__language_code="de")
    body = [("sparkle_note", {"heading": "Hallo", "text": ""})]
    root.add_child(instance=ThankYouPage(title="Danke", body=body)).save_revision().publish()
    for name in ("Anna", "Bert"):
        claims = persona_claims(PERSONAS["vip"], shop, "de-DE", order_number=name)
        claims["customer"]["first_name"] = name
        token = sign_claims(shop, claims)
        response = client.post("/api/v1/render", {"token": token}, "application/json")
        assert f"{name}!" in response.json()["html"]
"""


def run(args, tmp_path, **kwargs):
    env = {
        **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(settings.BASE_DIR)]),
        "DJANGO_SETTINGS_MODULE": "designer_settings",
        # Its own database and cache: this run's test database is in use.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'designer.sqlite3'}",
    }
    return subprocess.run(  # noqa: S603  (our own interpreter and arguments)
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        **kwargs,
    )


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("designer")
    out = io.StringIO()
    call_command("startblock", "sparkle_note", directory=str(tmp_path), script=True, stdout=out)
    call_command(
        "startblock",
        "stars",
        app="sparkle_note_block",
        directory=str(tmp_path),
        answer=True,
        stdout=io.StringIO(),
    )
    (tmp_path / "designer_settings.py").write_text(
        "from cms.settings import *  # noqa: F403\n"
        'INSTALLED_APPS = ["sparkle_note_block", *INSTALLED_APPS]  # noqa: F405\n'
    )
    return tmp_path, out.getvalue()


def test_startblock_writes_module_template_styles_hook_and_test(scaffolded):
    tmp_path, output = scaffolded
    app = tmp_path / "sparkle_note_block"
    for relative in (
        "apps.py",
        "blocks/sparkle_note.py",
        "templates/sparkle_note_block/blocks/sparkle_note.html",
        "static/sparkle_note_block/blocks/sparkle_note.css",
        "static/sparkle_note_block/blocks/sparkle_note.js",
        "wagtail_hooks.py",
        "tests/test_sparkle_note_block.py",
        "blocks/stars.py",
        "templates/sparkle_note_block/blocks/stars.html",
        "tests/test_stars_block.py",
    ):
        assert (app / relative).is_file(), relative
    assert 'add "sparkle_note_block" to INSTALLED_APPS' in output


def test_the_core_is_untouched(scaffolded):
    changed = subprocess.run(
        ["git", "status", "--porcelain", "--", "thankyou/"],  # noqa: S607
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "sparkle" not in changed


def test_generated_code_passes_the_linters(scaffolded):
    tmp_path, _output = scaffolded
    # The designer's app sits in a project with our configuration.
    config = (Path(settings.BASE_DIR) / "pyproject.toml").read_text()
    config = config.replace("[tool.ruff]\n", f'[tool.ruff]\nsrc = [".", "{settings.BASE_DIR}"]\n')
    (tmp_path / "pyproject.toml").write_text(config)
    for args in (["check"], ["format", "--check"]):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "ruff", *args, "sparkle_note_block"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_generated_test_passes_and_the_block_is_in_the_editor(scaffolded):
    tmp_path, _output = scaffolded
    tests = tmp_path / "sparkle_note_block" / "tests"
    (tests / "test_in_editor.py").write_text(EDITOR_TEST)
    result = run(
        [
            "-m",
            "pytest",
            str(tests),
            "-q",
            "-p",
            "no:cacheprovider",
            "--rootdir",
            str(tmp_path),
        ],
        tmp_path,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    # The block that asks something took an answer, and both values have their documented shape.
    assert "8 passed" in result.stdout


def test_make_test_collects_the_tests_of_installed_designer_apps(scaffolded):
    tmp_path, _output = scaffolded
    result = run(["-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"], tmp_path)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    collected = {line.split("::")[0] for line in result.stdout.splitlines() if "::" in line}
    assert "tests/test_startblock.py" in collected  # the project's own, as always
    designers = {Path(path).name for path in collected if not path.startswith("tests/")}
    assert {"test_sparkle_note_block.py", "test_stars_block.py"} <= designers


def test_registering_a_designer_block_writes_no_migration(scaffolded):
    tmp_path, _output = scaffolded
    result = run(["manage.py", "makemigrations", "--check", "--dry-run"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Bad-Name"], "is not a block name"),
        (["video"], "already registered"),
        (["quote", "--app", "thankyou"], "own app"),
        (["customer_satisfaction", "--answer"], "at most 16 characters"),
    ],
)
def test_bad_names_are_refused(args, message, tmp_path):
    with pytest.raises(CommandError, match=message):
        call_command("startblock", *args, directory=str(tmp_path))
    assert not any(tmp_path.iterdir())


def test_make_install_compiles_the_catalogues_of_designers_apps(tmp_path):
    # A checkout with a designer's app, installed (make runs in it, with this virtualenv).
    shutil.copy2(settings.BASE_DIR / "Makefile", tmp_path / "Makefile")
    for name in ("pyproject.toml", "constraints.txt"):
        (tmp_path / name).touch()
        os.utime(tmp_path / name, (0, 0))
    (tmp_path / "installed").touch()
    catalogue = tmp_path / "sparkle_note_block" / "locale" / "de" / "LC_MESSAGES"
    catalogue.mkdir(parents=True)
    (catalogue / "django.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Roasted on"\nmsgstr "Geröstet am"\n'
    )
    venv = Path(sys.prefix)
    result = subprocess.run(  # noqa: S603
        ["make", "install", f"VENV={venv}", f"STAMP={tmp_path / 'installed'}"],  # noqa: S607
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with (catalogue / "django.mo").open("rb") as compiled:
        assert gettext.GNUTranslations(compiled).gettext("Roasted on") == "Geröstet am"

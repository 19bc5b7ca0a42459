"""
Every text of ours a user can see has its German translation: the catalogue
holds each message the code and templates ask for, none of them left empty
or fuzzy (a changed English text marks its old translation fuzzy).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(ROOT.glob("*/locale/de/LC_MESSAGES/django.po"))


def untranslated(app, workdir):
    """The messages of the app that its German catalogue lacks, as makemessages sees them."""
    copy = workdir / app.name
    shutil.copytree(app, copy, ignore=shutil.ignore_patterns("static", "__pycache__", "*.mo"))
    subprocess.run(  # noqa: S603  (our own interpreter and manage.py)
        [sys.executable, ROOT / "manage.py", "makemessages", "-l", "de", "--no-location"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    with open(copy / "locale/de/LC_MESSAGES/django.po", "rb") as po:
        catalogue = read_po(po)
    return [
        message.id
        for message in catalogue
        if message.id
        and (message.fuzzy or not all(message.string if message.pluralizable else [message.string]))
    ]


def test_every_message_has_its_german_translation(tmp_path):
    if not shutil.which("xgettext"):
        pytest.fail("This test needs GNU gettext (apt install gettext).")
    assert CATALOGUES, "the product's German catalogue"
    for catalogue in CATALOGUES:
        app = catalogue.parents[3]
        assert untranslated(app, tmp_path) == [], (
            f"translate these in {catalogue.relative_to(ROOT)}"
        )

"""
The documentation: a short README, links that lead somewhere, paths and
settings that exist, and nothing that points outside the repository.
"""

import importlib
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README_MAX_LINES = 250

FENCE_RE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
FENCE_LANG_RE = re.compile(r"^```(\w+)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
INLINE_CODE_RE = re.compile(r"`[^`\n]+`")
LINK_RE = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING_RE = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
# A path from the top of the repository, e.g. `thankyou/render/stand_ins.py`.
TOP_DIRS = ("thankyou", "thankyou_demo", "cms", "tests", "templates", "integrations", "docs", "bin")
PATH_RE = re.compile(r"^(?:" + "|".join(TOP_DIRS) + r")/[\w./-]*$")
# A Python name, e.g. `thankyou.media.downloads.document_url`.
DOTTED_RE = re.compile(r"^thankyou(?:_demo)?(?:\.[A-Za-z_]\w*)+$")
# The embed script's JavaScript API, which reads like a Python name.
JAVASCRIPT_API = {"thankyou.render", "thankyou.track", "thankyou.behave"}
IMPORT_RE = re.compile(r"^\s*from\s+(thankyou[\w.]*)\s+import\s+([\w, ]+)$", re.MULTILINE)
ENV_RE = re.compile(r"""(?:environ\.get|env_bool|env_list)\(\s*["']([A-Z][A-Z0-9_]*)["']""")


def markdown_files():
    files = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    plugins = (ROOT / "integrations").glob("**/README.md")
    return files + sorted(path for path in plugins if "node_modules" not in path.parts)


def relative(path):
    return path.relative_to(ROOT).as_posix()


def prose(text):
    """The text without code blocks and inline code, where links are not links."""
    return INLINE_CODE_RE.sub("", FENCE_RE.sub("", text))


def slug(heading):
    """The anchor GitHub gives a heading."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)
    text = re.sub(r"[^\w\- ]", "", text.replace("`", "").lower())
    return text.replace(" ", "-")


def anchors(path):
    found, seen = set(), {}
    for heading in HEADING_RE.findall(FENCE_RE.sub("", path.read_text())):
        base = slug(heading)
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def repository_files():
    """Every file of the repository: git's view (tracked and new), else the tree."""
    git = shutil.which("git")
    if git and (ROOT / ".git").exists():
        listed = subprocess.run(  # noqa: S603  (git, on our own tree)
            [git, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout
        return [ROOT / name for name in listed.decode().split("\0") if name]
    skipped = {".git", ".venv", "var", "__pycache__", "node_modules"}
    return [
        path
        for path in ROOT.rglob("*")
        if path.is_file() and not skipped & set(path.relative_to(ROOT).parts)
    ]


def exists(cited, document):
    """Whether a cited path is a file or folder of the repository (from its
    top or from the document's folder), or a static file or template named
    as its app's static/ or templates/ folder names it."""
    if (ROOT / cited).exists() or (document.parent / cited).exists():
        return True
    return any((base / cited).exists() for base in asset_folders())


@cache
def asset_folders():
    """The static/ and templates/ folders of the repository's apps."""
    folders = set()
    for path in repository_files():
        parts = path.relative_to(ROOT).parts
        for index, part in enumerate(parts[:-1]):
            if part in ("static", "templates"):
                folders.add(ROOT.joinpath(*parts[: index + 1]))
    return folders


def resolves(dotted):
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            if not hasattr(target, name):
                return False
            target = getattr(target, name)
        return True
    return False


def test_readme_is_short():
    lines = (ROOT / "README.md").read_text().count("\n")
    assert lines <= README_MAX_LINES, (
        f"README.md has {lines} lines; keep it at most {README_MAX_LINES} and put the "
        "rest in the document of its reader under docs/"
    )


@pytest.mark.parametrize("document", markdown_files(), ids=relative)
def test_relative_links_resolve(document):
    broken = []
    for target in LINK_RE.findall(prose(document.read_text())):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
            continue
        path, _hash, fragment = target.partition("#")
        linked = (document.parent / path).resolve() if path else document
        if ROOT not in linked.parents and linked != ROOT:
            broken.append(f"{target}: outside the repository")
        elif not linked.exists():
            broken.append(f"{target}: no such file")
        elif fragment and (linked.is_dir() or fragment not in anchors(linked)):
            broken.append(f"{target}: no heading #{fragment} in {relative(linked)}")
    assert not broken, f"{relative(document)}: {broken}"


@pytest.mark.parametrize("document", markdown_files(), ids=relative)
def test_cited_paths_exist(document):
    spans = [
        span.strip("`") for span in INLINE_CODE_RE.findall(FENCE_RE.sub("", document.read_text()))
    ]
    missing = [
        span for span in spans if PATH_RE.match(span) and not exists(span.rstrip("/"), document)
    ]
    assert not missing, f"{relative(document)} cites paths that do not exist: {missing}"


@pytest.mark.parametrize("document", markdown_files(), ids=relative)
def test_cited_python_names_exist(document):
    text = document.read_text()
    spans = [span.strip("`") for span in INLINE_CODE_RE.findall(FENCE_RE.sub("", text))]
    names = [s for s in spans if DOTTED_RE.match(s) and s not in JAVASCRIPT_API]
    for language, code in FENCE_LANG_RE.findall(text):
        if language == "python":
            for module, imported in IMPORT_RE.findall(code):
                names += [f"{module}.{name.strip()}" for name in imported.split(",")]
    missing = [name for name in names if not resolves(name)]
    assert not missing, f"{relative(document)} cites names that do not exist: {missing}"


def test_repository_is_self_contained():
    # Built from parts, so that this file does not name them itself.
    outside = ["../" + "shared", "DESIGN" + ".md"]
    offenders = []
    for path in repository_files():
        if path.is_file():
            data = path.read_bytes()
            offenders += [f"{relative(path)}: {word}" for word in outside if word.encode() in data]
    assert not offenders, f"files point outside the repository: {offenders}"


def test_every_setting_is_documented():
    operating = (ROOT / "docs" / "operating.md").read_text()
    table = {
        name
        for row in re.findall(r"^\|(.+?)\|", operating, re.MULTILINE)
        for name in re.findall(r"`([A-Z][A-Z0-9_]*)`", row)
    }
    read = set()
    for source in ("cms/settings.py", "gunicorn.conf.py"):
        read |= set(ENV_RE.findall((ROOT / source).read_text()))
    assert read, "no environment variables found: has the way settings read them changed?"
    assert read <= table, (
        f"environment variables missing from docs/operating.md's table: {sorted(read - table)}"
    )

"""
Build the shop plugins' installable zips, each with its own copy of the
shared PHP library (php-common) in lib/thankyou-common:

    python integrations/build.py [OUT_DIR]     (default: var/plugins)

    ThankyouEmbed.zip    Shopware 6: upload under Extensions → My extensions
    thankyou-embed.zip   WooCommerce: Plugins → Add New → Upload Plugin
    Thankyou_Embed.zip   Magento 2: unzip in Magento's root (app/code/Thankyou/Embed)

The library lives once, in php-common; the zips are the only copies. Tests,
their stand-ins and editor files stay out. The zips are reproducible: the
same sources give the same bytes.
"""

import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIBRARY = HERE / "php-common"
LIBRARY_FILES = ["autoload.php", "src"]
LIBRARY_DIR = "lib/thankyou-common"

# platform folder -> (zip name, folder inside the zip)
PACKAGES = {
    "shopware6": ("ThankyouEmbed.zip", "ThankyouEmbed"),
    "woocommerce": ("thankyou-embed.zip", "thankyou-embed"),
    "magento2": ("Thankyou_Embed.zip", "app/code/Thankyou/Embed"),
}
LEFT_OUT = {"tests", "lib"}
TIMESTAMP = (1980, 1, 1, 0, 0, 0)


def files(root, names=None):
    """The files under root (or under root's entries `names`), sorted, as (path, relative)."""
    entries = [root / name for name in names] if names else sorted(root.iterdir())
    for entry in entries:
        if entry.name in LEFT_OUT or entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from ((path, path.relative_to(root)) for path, _ in files(entry))
        else:
            yield entry, entry.relative_to(root)


def build(platform, out_dir):
    """Write the platform's zip into out_dir and return its path."""
    zip_name, folder = PACKAGES[platform]
    contents = [(path, f"{folder}/{relative}") for path, relative in files(HERE / platform)]
    contents += [
        (path, f"{folder}/{LIBRARY_DIR}/{relative}")
        for path, relative in files(LIBRARY, LIBRARY_FILES)
    ]
    target = Path(out_dir) / zip_name
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, name in sorted(contents, key=lambda item: item[1]):
            info = zipfile.ZipInfo(name, TIMESTAMP)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return target


def main(argv):
    out_dir = Path(argv[1] if len(argv) > 1 else HERE.parent / "var" / "plugins")
    out_dir.mkdir(parents=True, exist_ok=True)
    for platform in PACKAGES:
        print(build(platform, out_dir))


if __name__ == "__main__":
    main(sys.argv)

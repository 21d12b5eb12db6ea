"""`make screenshots`: the home page, a post and a series page as PNGs, at phone
and desktop widths, in light and dark, to look at the theme before a release.

The sample site is built into a temporary folder and served on 127.0.0.1, so
`output/` is left as it was.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from .browser import ROOT, build_site, chromium, emulate, full_page_png, missing, serve

PAGES = {
    "home": "",
    "post": "2021/09/14/full-capacity.html",
    "series": "series/capacity/",
}
WIDTHS = {"phone": 375, "desktop": 1280}
SCHEMES = ("light", "dark")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="screenshots", type=Path)
    parser.add_argument(
        "--post", default=PAGES["post"], help="a post's path in the site"
    )
    parser.add_argument(
        "--series", default=PAGES["series"], help="a series page's path"
    )
    args = parser.parse_args(argv)
    reason = missing()
    if reason:
        parser.exit(1, f"screenshots: {reason}\n")
    pages = {**PAGES, "post": args.post, "series": args.series}
    args.folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-site-") as site:
        build_site(ROOT / "content", Path(site))
        with serve(Path(site)) as base, chromium() as driver:
            for (name, path), (size, width), scheme in (
                (page, width, scheme)
                for page in pages.items()
                for width in WIDTHS.items()
                for scheme in SCHEMES
            ):
                emulate(driver, width, scheme)
                driver.get(f"{base}/{path}")
                target = args.folder / f"{name}-{size}-{scheme}.png"
                target.write_bytes(full_page_png(driver))
                print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

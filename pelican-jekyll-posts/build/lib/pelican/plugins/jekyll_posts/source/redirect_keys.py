"""jekyll-redirect-from's front-matter keys, read with the rest of a file:
`redirect_from` (an address or a list of them) and `redirect_to` (a URL).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import urlsplit


def read(text: Mapping, problem: Callable[[str, str], None]) -> dict:
    """The two keys as metadata: `redirect_from` a tuple, `redirect_to` a URL."""
    meta: dict = {}
    olds = text.get("redirect_from")
    if isinstance(olds, str):
        olds = [olds]
    if olds is not None:
        if not isinstance(olds, list) or not all(isinstance(o, str) for o in olds):
            problem(
                "redirect_from", "'redirect_from' must be an address or a list of them"
            )
        elif any(not o.strip() or ".." in o or "\\" in o or "\0" in o for o in olds):
            problem(
                "redirect_from",
                "'redirect_from' addresses must not be empty or contain '..'",
            )
        elif any(urlsplit(o).scheme or o.startswith("//") for o in olds):
            problem(
                "redirect_from",
                "'redirect_from' takes addresses on this site, such as /old/",
            )
        else:
            meta["redirect_from"] = tuple(olds)
    target = text.get("redirect_to")
    if isinstance(target, list):
        target = target[0] if target else None  # as jekyll-redirect-from does
    if target is not None:
        if isinstance(target, str) and target.strip():
            meta["redirect_to"] = target.strip()
        else:
            problem("redirect_to", "'redirect_to' must be a URL")
    return meta

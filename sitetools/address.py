"""The published site's address: set, real, and the host GitHub Pages serves.

Every absolute link, the feeds, the sitemap and the canonical tags are made
from SITEURL, so a publish for a placeholder address, or for a host other than
the custom domain (GITHUB_CNAME) that GitHub Pages will serve, is a site whose
every link points elsewhere. Both are refused before anything is built.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

# Reserved for examples and tests (RFC 2606, RFC 6761), never a real site.
PLACEHOLDER_DOMAINS = ("example.com", "example.net", "example.org")
PLACEHOLDER_TLDS = ("example", "invalid", "localhost", "test", "local")
HOW = (
    "give the site's address: `SITEURL=https://your.host make publish` (for a "
    "GitHub project site https://USER.github.io/REPO, with your names), or set "
    "SITEURL in publishconf.py"
)


def problems(siteurl: str, cname: str = "") -> list[str]:
    """Why `siteurl` (and `cname`, a custom domain) cannot be published to."""
    if not siteurl:
        return [f"SITEURL is not set: {HOW}"]
    parts = urlsplit(siteurl)
    host = (parts.hostname or "").rstrip(".")
    if parts.scheme not in ("http", "https") or not host:
        return [f"SITEURL {siteurl!r} is not an address such as https://host: {HOW}"]
    if _placeholder(host) or "USER" in parts.netloc or "REPO" in parts.path.split("/"):
        return [f"SITEURL {siteurl} is a placeholder: {HOW}"]
    found = []
    if siteurl.endswith("/"):
        found.append(
            f"SITEURL {siteurl} ends with '/': write it without, or every link "
            "has '//' in it"
        )
    if cname:
        found += _cname_problems(cname.strip(), host, parts.path.rstrip("/"))
    return found


def _cname_problems(cname: str, host: str, path: str) -> list[str]:
    domain = cname.lower().rstrip(".")
    if not domain or any(c in domain for c in "/: "):
        return [f"GITHUB_CNAME {cname!r} must be a host name alone, such as blog.host"]
    if domain != host.lower():
        return [
            f"GITHUB_CNAME is {domain} but SITEURL's host is {host}: GitHub Pages "
            f"would serve the site at {domain} with every link pointing at {host}; "
            f"set SITEURL=https://{domain}, or GITHUB_CNAME to {host}"
        ]
    if path:
        return [
            f"SITEURL has the path {path}, but a custom domain (GITHUB_CNAME) "
            f"serves the site at its root: set SITEURL=https://{domain}"
        ]
    return []


def _placeholder(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    host = host.lower()
    if host.rsplit(".", 1)[-1] in PLACEHOLDER_TLDS:
        return True
    return any(host == d or host.endswith("." + d) for d in PLACEHOLDER_DOMAINS)

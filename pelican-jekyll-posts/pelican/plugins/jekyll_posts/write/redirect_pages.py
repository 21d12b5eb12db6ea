"""The generator that writes the redirect pages the link step planned, in the
page jekyll-redirect-from writes: meta refresh, canonical link, noindex.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from jinja2 import DictLoader, Environment
from pelican.generators import Generator

from ..state import state as build_state

_TEMPLATE = """{% set url = target if external else SITEURL ~ "/" ~ target.lstrip("/") -%}
<!DOCTYPE html>
<html lang="en-US">
  <meta charset="utf-8">
  <title>Redirecting&hellip;</title>
  <link rel="canonical" href="{{ url }}">
  <script>location={{ url|tojson }}</script>
  <meta http-equiv="refresh" content="0; url={{ url }}">
  <meta name="robots" content="noindex">
  <h1>Redirecting&hellip;</h1>
  <a href="{{ url }}">Click here if you are not redirected.</a>
</html>
"""
# Named, as templates from a theme are: writers may key their work by name.
_PAGE = Environment(
    autoescape=True, loader=DictLoader({"jekyll_redirect.html": _TEMPLATE})
).get_template("jekyll_redirect.html")


class RedirectGenerator(Generator):
    def generate_output(self, writer) -> None:
        for redirect in build_state(self.context).redirects:
            target = redirect.target
            writer.write_file(
                redirect.save_as,
                _PAGE,
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                target=target,
                external=bool(urlsplit(target).scheme) or target.startswith("//"),
            )

"""kramdown's options: Jekyll's defaults, and those this site's dialect applies.

An option set to its default changes nothing; one this site applies is honoured
from `_config.yml`'s `kramdown:` and from `{::options}`; any other is warned of.
"""

from __future__ import annotations

APPLIED = {"auto_id_prefix", "toc_levels", "footnote_nr"}
# From _config.yml's kramdown: (for every post) this one is applied too.
APPLIED_SITE_WIDE = APPLIED | {"parse_block_html"}
# Jekyll's kramdown settings: an option set to these changes nothing.
DEFAULTS = {
    "auto_ids": "true",
    "auto_id_prefix": "",
    "parse_block_html": "false",
    "parse_span_html": "true",
    "hard_wrap": "false",
    "math_engine": "mathjax",
    "syntax_highlighter": "rouge",
    "smart_quotes": "lsquo,rsquo,ldquo,rdquo",
    "input": "GFM",
    "footnote_nr": "1",
    "toc_levels": "1..6",
    "entity_output": "as_char",
    "transliterated_header_ids": "false",
}


def not_applied(options) -> list[str]:
    """`_config.yml`'s `kramdown:` options set to something other than Jekyll's
    default that this site's dialect does not act on."""
    if not isinstance(options, dict):
        return []
    found = []
    for key, value in options.items():
        written = str(value).lower() if isinstance(value, bool) else str(value)
        if key not in APPLIED_SITE_WIDE and DEFAULTS.get(key) != written:
            found.append(str(key))
    return sorted(found)

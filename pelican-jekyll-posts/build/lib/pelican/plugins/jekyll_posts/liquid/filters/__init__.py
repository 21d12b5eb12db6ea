"""Jekyll's Liquid filters, registered on python-liquid.

Each module holds one family, written to print what Jekyll 4.3.1 (on Ruby's
Liquid 5) prints for the same post:

- filters_url: relative_url, absolute_url, uri_escape, cgi_escape,
  url_encode, strip_index;
- filters_date: date (Ruby's strftime), date_to_string, date_to_long_string,
  date_to_xmlschema, date_to_rfc822;
- filters_text: xml_escape, number_of_words, array_to_sentence_string,
  markdownify, normalize_whitespace, to_integer, jsonify, inspect;
- filters_slugify and filters_smartify: slugify (every mode) and smartify;
- filters_array: where, find, group_by, sort, push, pop, shift, unshift,
  sample; filters_expression: where_exp, find_exp, group_by_exp;
- filters_standard and filters_standard_values: Liquid's own filters where
  python-liquid differs from Ruby's Liquid.

Every filter is wrapped so that a wrong number of arguments, or an input it
cannot work on, is a problem at the filter's place that names the filter.
"""

from __future__ import annotations

import re
from datetime import datetime

from . import (
    array,
    expression,
    slugify,
    smartify,
    standard,
    standard_values,
    text,
    times,
    url,
)
from .ruby import nil, to_s
from .support import FilterError, checked


def strftime(moment: datetime, ruby_format: str) -> str:
    """Ruby's Time#strftime (kept here for callers of the earlier module)."""
    return times.strftime(moment, ruby_format)


def strip_index(value):
    """`/about/index.html` is `/about/`."""
    text = to_s(nil(value))
    return re.sub(r"/index\.html?$", "/", text, count=1, flags=re.M) if text else None


FILTERS = {
    **standard.FILTERS,
    **standard_values.FILTERS,
    **url.FILTERS,
    **times.FILTERS,
    **text.FILTERS,
    **slugify.FILTERS,
    **smartify.FILTERS,
    **array.FILTERS,
    **expression.FILTERS,
    "strip_index": strip_index,
}


def register(env) -> None:
    standard.replace_builtins(env)
    for name, function in FILTERS.items():
        env.add_filter(name, checked(name, function))


__all__ = ["FILTERS", "FilterError", "register", "strftime"]

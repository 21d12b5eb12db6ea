"""Settings for publishing: absolute URLs and feeds on top of pelicanconf."""

import os
import sys

# Found beside this file, whatever folder the build runs from.
sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402, F403

# `make publish` refuses an unset or placeholder address (sitetools/address.py).
SITEURL = os.environ.get("SITEURL", "")
RELATIVE_URLS = False

FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"

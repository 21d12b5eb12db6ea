"""Settings for publishing: absolute URLs and feeds on top of pelicanconf."""

import os
import sys

# Found beside this file, whatever folder the build runs from.
sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402, F403

SITEURL = os.environ.get("SITEURL", "https://example.org")
RELATIVE_URLS = False

FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"

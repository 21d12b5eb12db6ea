"""Site settings for building Jekyll-format posts with Pelican (development)."""

# The blog's own title, description, author, time zone and permalink style are
# in content/_config.yml, where Jekyll keeps them; the plugin reads that file.
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = ["_posts", "_drafts"]  # _drafts: only a preview writes them
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "assets"]
THEME = "theme"
# The plugin is installed (requirements.txt); with a wheel "jekyll_posts" is
# enough, but an editable install hides namespace plugins from Pelican's search.
PLUGINS = ["pelican.plugins.jekyll_posts"]

# Used only when the blog's _config.yml names no `timezone:` (Jekyll then uses
# the machine's zone; GitHub Pages builds in UTC).
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%B %-d, %Y"

# Every problem in the content fails the build; False turns them into warnings.
JEKYLL_STRICT = True

# Jekyll writes pages at /<name>.html unless their front matter says otherwise.
PAGE_URL = "{slug}.html"
PAGE_SAVE_AS = "{slug}.html"

MARKDOWN = {
    "extension_configs": {
        # Like kramdown, colour only code blocks that name their language;
        # guessing would also cost most of a large build's time.
        "markdown.extensions.codehilite": {
            "css_class": "highlight",
            "guess_lang": False,
            # kramdown never numbers lines; CodeHilite would after a `#!/bin/sh`.
            "linenums": False,
        },
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
    },
    "output_format": "html5",
}

FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DEFAULT_PAGINATION = 10
# Later pages in a folder of their own: Pelican's `{name}{number}` would write
# page 3 of the tag "css" over the page of the tag "css3".
PAGINATION_PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{name}/page/{number}/", "{name}/page/{number}/index.html"),
]
DELETE_OUTPUT_DIRECTORY = False

# Theme: sitemap.xml, robots.txt and 404.html are templates rendered once each.
TEMPLATE_EXTENSIONS = [".html", ".xml", ".txt"]
DIRECT_TEMPLATES = [
    "index", "tags", "categories", "authors", "archives", "404", "sitemap", "robots",
]  # fmt: skip
SITEMAP_SAVE_AS = "sitemap.xml"
ROBOTS_SAVE_AS = "robots.txt"

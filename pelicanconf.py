"""Site settings for building Jekyll-format posts with Pelican (development)."""

AUTHOR = "The Platform Team"
SITENAME = "Platform Notes"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = ["_posts", "_drafts"]  # _drafts: only a preview writes them
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "assets"]
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["jekyll_posts"]

TIMEZONE = "America/Chicago"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%B %-d, %Y"

# Jekyll's default permalink style: /:categories/:year/:month/:day/:title.html
JEKYLL_PERMALINK = "date"
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
DELETE_OUTPUT_DIRECTORY = False

# Theme: sitemap.xml, robots.txt and 404.html are templates rendered once each.
SITESUBTITLE = "What a platform team learns running builds, clusters and the pager."
TEMPLATE_EXTENSIONS = [".html", ".xml", ".txt"]
DIRECT_TEMPLATES = [
    "index", "tags", "categories", "authors", "archives", "404", "sitemap", "robots",
]  # fmt: skip
SITEMAP_SAVE_AS = "sitemap.xml"
ROBOTS_SAVE_AS = "robots.txt"

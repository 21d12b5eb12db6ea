"""Front-matter dates land on the second Jekyll 4.3 gives them, in every form it takes.

FORMS holds a value as written after `date:` and the moment Jekyll makes of it
with `timezone: America/New_York`; REJECTED holds values Jekyll refuses, with
the reason this site gives. The unit tests read each with `dates` alone. The
site tests build all of them once with real Jekyll and once with Pelican and
require Jekyll's address for every form, or an error from both. The last test
compares `dates` with Ruby's own YAML and Time.parse on generated forms.

The Jekyll and Ruby tests skip where Jekyll is not installed, and fail in CI.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pelican.plugins.jekyll_posts.config.settings import Config
from pelican.plugins.jekyll_posts.diagnostics import ProblemError
from pelican.plugins.jekyll_posts.source import dates, frontmatter, metadata, posts

from conftest import Site
from jekyll_site import JEKYLL, build_with_jekyll, post_addresses

NEW_YORK = ZoneInfo("America/New_York")
PERMALINK = "/:year/:month/:day/:hour/:minute/:second/:title/"
CONFIG = f"timezone: America/New_York\npermalink: {PERMALINK}\nfuture: true\n"
# "Now" for the unit tests; the site tests use the real now, as Jekyll does.
NOW = datetime(2024, 6, 15, 12, 0, tzinfo=UTC)
RUBY = shutil.which("ruby")

FORMS = [
    # Unquoted in YAML's timestamp form: YAML makes the moment, UTC without an offset.
    ("yaml-utc", "2021-04-10 02:00:00", "2021-04-09 22:00:00 -0400"),
    ("yaml-t", "2021-04-10T02:00:00", "2021-04-09 22:00:00 -0400"),
    ("yaml-t-z", "2021-04-10T02:00:00Z", "2021-04-09 22:00:00 -0400"),
    ("yaml-space-z", "2021-04-10 02:00:00 Z", "2021-04-09 22:00:00 -0400"),
    ("yaml-offset", "2021-04-10 02:00:00 +0900", "2021-04-09 13:00:00 -0400"),
    ("yaml-colon-offset", "2021-04-10 02:00:00 -06:00", "2021-04-10 04:00:00 -0400"),
    ("yaml-fraction", "2021-04-10 02:00:00.75 +05:30", "2021-04-09 16:30:00 -0400"),
    ("yaml-one-digit-offset", "2021-04-10 02:00:00 +5", "2021-04-09 17:00:00 -0400"),
    # YAML takes the sign from the hours, so -00:30 is east of UTC.
    ("yaml-minus-zero", "2021-04-10 02:00:00 -00:30", "2021-04-09 21:30:00 -0400"),
    ("yaml-nanoseconds", "2014-09-08 10:00:00.123456789", "2014-09-08 06:00:00 -0400"),
    ("yaml-leap-second", "2021-04-10 23:59:60", "2021-04-10 20:00:00 -0400"),
    ("yaml-dst-utc", "2021-03-14 07:30:00", "2021-03-14 03:30:00 -0400"),
    # Everything else: Ruby's Time.parse, in the site's zone.
    ("date-only", "2021-04-10", "2021-04-10 00:00:00 -0400"),
    ("date-one-digit", "2021-4-1", "2021-04-01 00:00:00 -0400"),
    ("repeated-year", "2023-01-29 18:30:22 2023 -0800", "2023-01-29 18:30:22 -0500"),
    ("ctime-offset", "Sun Jan 29 18:30:22 2023 -0800", "2023-01-29 18:30:22 -0500"),
    ("rfc2822", "Sun, 29 Jan 2023 18:30:22 -0800", "2023-01-29 21:30:22 -0500"),
    ("month-name", "September 8, 2014", "2014-09-08 00:00:00 -0400"),
    ("month-abbr-pm", "Sep 8 2014 10:30 pm", "2014-09-08 22:30:00 -0400"),
    ("ordinal-day", "8th September 2014", "2014-09-08 00:00:00 -0400"),
    ("weekday-est", "Monday, September 8, 2014 10:00 EST", "2014-09-08 11:00:00 -0400"),
    ("sept-at", "Sept 8 2014 at 10:00", "2014-09-08 10:00:00 -0400"),
    ("upper-case", "SEPTEMBER 8 2014", "2014-09-08 00:00:00 -0400"),
    ("slashes-pst", "2014/09/08 10:00 PM PST", "2014-09-09 02:00:00 -0400"),
    ("us-slashes", "9/8/14", "2009-08-14 00:00:00 -0400"),
    ("dots", "08.09.2014", "2014-09-08 00:00:00 -0400"),
    ("digits", "20140908", "2014-09-08 00:00:00 -0400"),
    ("digits-t", "20140908T1030", "2014-09-08 10:30:00 -0400"),
    ("vms", "8-Sep-2014", "2014-09-08 00:00:00 -0400"),
    ("japanese-era", "H26.09.08", "2014-09-08 00:00:00 -0400"),
    ("zone-utc", "2021-04-10 10:00 UTC", "2021-04-10 06:00:00 -0400"),
    ("zone-gmt", "2021-04-10 10:00 GMT", "2021-04-10 06:00:00 -0400"),
    ("zone-cdt", "2021-04-10 10:00 CDT", "2021-04-10 11:00:00 -0400"),
    ("zone-mst", "2021-04-10 10:00 MST", "2021-04-10 13:00:00 -0400"),
    ("zone-pdt", "2021-04-10 10:00 PDT", "2021-04-10 13:00:00 -0400"),
    ("zone-military", "2021-04-10 10:00 A", "2021-04-10 05:00:00 -0400"),
    ("zone-jst-ignored", "2021-04-10 10:00 JST", "2021-04-10 10:00:00 -0400"),
    ("zone-cet-ignored", "2021-04-10 02:00:00 CET", "2021-04-10 02:00:00 -0400"),
    ("offset-no-seconds", "2021-04-10 10:00 +0530", "2021-04-10 00:30:00 -0400"),
    ("offset-colon", "2021-04-10 10:00 +05:30", "2021-04-10 00:30:00 -0400"),
    ("offset-one-digit-ignored", "2021-04-10 10:00 +5", "2021-04-10 10:00:00 -0400"),
    ("pm", "2021-04-10 2:30 pm", "2021-04-10 14:30:00 -0400"),
    ("midnight-am", "2021-04-10 12:00 am", "2021-04-10 00:00:00 -0400"),
    ("dotted-pm", "2021-04-10 7:45:30 p.m.", "2021-04-10 19:45:30 -0400"),
    ("hour-24", "2021-04-10 24:00", "2021-04-11 00:00:00 -0400"),
    ("quoted-local", "'2021-04-10 02:00:00'", "2021-04-10 02:00:00 -0400"),
    ("quoted-edt", '"2016-03-22 14:00 EDT"', "2016-03-22 14:00:00 -0400"),
    ("quoted-offset", "'2021-04-10 02:00:00 +0900'", "2021-04-09 13:00:00 -0400"),
    ("quoted-z", "'2021-04-10T02:00:00Z'", "2021-04-09 22:00:00 -0400"),
    # DST: a gap takes the offset before the change, a fold the later time.
    ("quoted-gap", "'2021-03-14 02:30:00'", "2021-03-14 03:30:00 -0400"),
    ("quoted-fold", "'2021-11-07 01:30:00'", "2021-11-07 01:30:00 -0500"),
    ("rollover", "2021-02-30", "2021-03-02 00:00:00 -0500"),
    # Ruby's Time.new: day 31 of February, carried into the next UTC day.
    ("rollover-quirk", "2021-02-31 22:00:00 -0500", "2021-01-30 22:00:00 -0500"),
    ("no-year", "March 2nd", "{year}-03-02 00:00:00 -0500"),
    ("number", "20210410", "2021-04-10 00:00:00 -0400"),
    ("underscored-number", "2021_04_10", "2021-04-10 00:00:00 -0400"),
]
REJECTED = [
    ("bad-month", "2021-13-01", "month 13 is not 1-12"),
    ("year-month", "2021-03", "month 20 is not 1-12 (Ruby reads month 20, day 21"),
    ("words", "Ship it", "it names no date or time"),
    ("quoted-words", "'not a date'", "it names no date or time"),
    ("yes", "yes", "YAML reads it as true"),
    ("empty", "", "the value is empty (YAML null)"),
    ("tilde", "~", "the value is empty (YAML null)"),
    ("past-midnight", "2021-04-10 24:30", "24:30:00 is past the end of the day"),
    ("sexagesimal", "10:30", "(YAML reads it as '37800'): day 800 of the year"),
    ("iso-week", "2021-W10-3", "it names no date or time"),
    ("day-32", "2021-04-32", "day 32 is not 1-31"),
    ("hour-25", "2021-02-28 25:00", "hour 25 is not 0-24"),
    ("too-long", "2021-04-10 " + "x" * 120, "longer than the 128 bytes Ruby reads"),
]
# What Jekyll does silently, which the build reports as a warning.
NOTES = {
    "repeated-year": "Jekyll ignores '2023 -0800' in '2023-01-29 18:30:22 2023 -0800'",
    "zone-jst-ignored": "Jekyll ignores the zone 'JST' in '2021-04-10 10:00 JST' "
    "(Ruby's Time does not know it) and reads the time in America/New_York",
    "rollover": "day 30 does not exist in February 2021; "
    "Jekyll reads '2021-02-30' as 2021-03-02",
    "no-year": "'March 2nd' has no year; Jekyll takes it from the day it builds the "
    "site, so this post moves with it (write the year)",
}


def post_text(written: str) -> str:
    return f"---\ndate: {written}".rstrip() + "\n---\nx\n"


def post_name(slug: str) -> str:
    return f"_posts/2000-01-01-{slug}.md"


def wall_clock(expected: str, year: int) -> str:
    return expected.format(year=year)


# Unit tests: `dates` and the metadata mapper, without Pelican.


@pytest.mark.parametrize(("slug", "written", "expected"), FORMS)
def test_each_form_reads_as_jekyll_does(slug, written, expected):
    fm = frontmatter.load(f"date: {written}\n", "p.md")
    plain = "date" in fm.plain
    moment = dates.parse(fm.text["date"], NEW_YORK, plain=plain, now=NOW)
    assert f"{moment:%Y-%m-%d %H:%M:%S %z}" == wall_clock(expected, 2024)


@pytest.mark.parametrize(("slug", "written", "reason"), REJECTED)
def test_each_refused_form_is_an_error_at_the_value(slug, written, reason):
    path = f"content/{post_name(slug)}"
    fm = frontmatter.load(f"date: {written}".rstrip() + "\n", path)
    config = Config(timezone="America/New_York")
    post = posts.post_file(post_name(slug))
    meta, problems = metadata.post_metadata(fm, post, path, config, lambda k, v: v)
    # An error; a lenient build still writes the post, dated by its file name.
    assert meta["date"] == dates.parse(post.date, config.zone)
    [problem] = [p for p in problems if p.is_error]
    assert (problem.line, problem.col) == (2, 7 if written else 6)
    assert problem.message.startswith("date: ") and reason in problem.message


COMMON = ["2021-04-10", "2021-04-10 02:00:00", "2021-04-10T02:00:00Z"]
COMMON += ["2021-04-10 02:00:00 -0600", "2021-04-10 02:00:00+05:30", "2021-12-31"]
COMMON += ["2021-03-14 02:30:00", "2021-11-07 01:30:00", "2021-11-07 01:30:00 Z"]


def test_the_common_forms_take_the_quick_path_to_the_same_moment(monkeypatch):
    cases = [(text, plain) for text in COMMON for plain in (True, False)]
    quick = {case: dates._common(case[0], NEW_YORK, case[1]) for case in cases}
    assert None not in quick.values()
    monkeypatch.setattr(dates, "_common", lambda *args: None)
    for (text, plain), moment in quick.items():
        general = dates.parse(text, NEW_YORK, plain=plain, now=NOW)
        assert (moment, moment.utcoffset()) == (general, general.utcoffset())


def test_missing_parts_come_from_now_in_the_sites_zone():
    # 03:00 UTC on New Year's Day is still the old year in New York.
    new_year = datetime(2024, 1, 1, 3, 0, tzinfo=UTC)
    reading = dates.read("March 2nd", NEW_YORK, plain=True, now=new_year)
    assert f"{reading.moment:%Y-%m-%d}" == "2023-03-02"
    assert reading.notes == (NOTES["no-year"],)
    reading = dates.read("10:00", NEW_YORK, now=new_year)
    assert f"{reading.moment:%Y-%m-%d %H:%M}" == "2023-12-31 10:00"
    assert "'10:00' has no date" in reading.notes[0]


def test_now_is_source_date_epoch_when_set(monkeypatch):
    epoch = datetime(2030, 7, 1, tzinfo=UTC).timestamp()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(epoch)))
    assert dates.parse("March 2nd", NEW_YORK, plain=True).year == 2030


@pytest.mark.parametrize("slug", sorted(NOTES))
def test_what_jekyll_does_silently_is_noted(slug):
    written = {s: w for s, w, _ in FORMS}[slug]
    reading = dates.read(written, NEW_YORK, plain=True, now=NOW)
    assert reading.notes == (NOTES[slug],)


# Site tests: real Jekyll and Pelican, each built once for the whole table.


def need(tool: str | None, name: str) -> None:
    if tool is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} must be installed in CI", pytrace=False)
        pytest.skip(f"{name} is not installed")


def this_year() -> int:
    return datetime.now(NEW_YORK).year


def expected_addresses() -> set[str]:
    addresses = set()
    for slug, _, expected in FORMS:
        wall = wall_clock(expected, this_year())[:19]
        stamp = datetime.strptime(wall, "%Y-%m-%d %H:%M:%S")
        addresses.add(f"{stamp:%Y/%m/%d/%H/%M/%S}/{slug}/index.html")
    return addresses


@pytest.fixture(scope="module")
def jekyll_built(tmp_path_factory) -> set[str]:
    need(JEKYLL, "jekyll")
    root = tmp_path_factory.mktemp("jekyll")
    for slug, written, _ in FORMS:
        (root / "_posts").mkdir(exist_ok=True)
        (root / post_name(slug)).write_text(post_text(written), "utf-8")
    done = build_with_jekyll(root, root.parent / "jekyll-out", CONFIG)
    assert done.returncode == 0, done.stderr
    return post_addresses(root.parent / "jekyll-out")


# One Ruby process builds a one-post site per refused form: a refused date
# stops a Jekyll build, so they cannot share one.
_REFUSALS = """
require "jekyll"
require "json"
ARGV.each do |source|
  config = Jekyll.configuration("source" => source, "quiet" => true, "safe" => true,
    "destination" => File.join(source, "_site"), "disable_disk_cache" => true)
  Jekyll::Site.new(config).process
  puts JSON.generate([source, nil])
rescue StandardError => e
  puts JSON.generate([source, e.message])
end
"""


@pytest.fixture(scope="module")
def jekyll_refusals(tmp_path_factory) -> dict[str, str | None]:
    need(JEKYLL, "jekyll")
    need(RUBY, "ruby")
    root = tmp_path_factory.mktemp("jekyll-refused")
    sources = {}
    for slug, written, _ in REJECTED:
        (root / slug / "_posts").mkdir(parents=True)
        (root / slug / "_config.yml").write_text(CONFIG + "theme: null\nplugins: []\n")
        (root / slug / post_name(slug)).write_text(post_text(written), "utf-8")
        sources[str(root / slug)] = slug
    done = subprocess.run(
        [RUBY, "-e", _REFUSALS, *sources],
        capture_output=True,
        text=True,
        env={"PATH": os.environ["PATH"], "TZ": "UTC", "LC_ALL": "C.UTF-8"},
        timeout=300,
    )
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(results) == len(REJECTED), done.stderr
    return {sources[source]: message for source, message in results}


def pelican_build(root: Path, forms) -> object:
    site = Site(root)
    # The same settings as Jekyll's, read from _config.yml as Jekyll reads them.
    site.write(
        "_config.yml",
        f"timezone: America/New_York\npermalink: {PERMALINK}\nfuture: true\n",
    )
    for slug, written, _ in forms:
        site.write(post_name(slug), post_text(written))
    return site.build(
        env={"SOURCE_DATE_EPOCH": ""},  # the real now, as Jekyll uses
        DIRECT_TEMPLATES=[],
        CATEGORY_SAVE_AS="",
        TAG_SAVE_AS="",
        AUTHOR_SAVE_AS="",
        SERIES_SAVE_AS="",
        SERIES_INDEX_SAVE_AS="",
        THEME_STATIC_PATHS=[],
    )


@pytest.fixture(scope="module")
def pelican_accepted(tmp_path_factory, jekyll_built):
    return pelican_build(tmp_path_factory.mktemp("pelican"), FORMS)


@pytest.fixture(scope="module")
def pelican_refused(tmp_path_factory, jekyll_refusals):
    return pelican_build(tmp_path_factory.mktemp("pelican-refused"), REJECTED)


def test_jekyll_puts_every_form_where_the_table_says(jekyll_built):
    assert jekyll_built == expected_addresses()


def test_pelican_puts_every_form_at_jekylls_address(pelican_accepted, jekyll_built):
    assert pelican_accepted.returncode == 0, pelican_accepted.stderr
    built = {f for f in pelican_accepted.files() if f.endswith(".html")}
    assert built == jekyll_built


def test_the_build_warns_where_jekyll_is_silent(pelican_accepted):
    for slug, note in NOTES.items():
        line = f"content/{post_name(slug)}:2:7: warning: date: {note}"
        assert line in pelican_accepted.problems, line


def test_jekyll_refuses_each_refused_form(jekyll_refusals):
    for slug, message in jekyll_refusals.items():
        assert message is not None and message.startswith("Invalid date '"), slug


def test_pelican_refuses_each_with_its_position_and_reason(pelican_refused):
    assert pelican_refused.returncode == 1
    problems = pelican_refused.problems
    for slug, written, reason in REJECTED:
        at = f"content/{post_name(slug)}:2:{7 if written else 6}: date: "
        found = [p for p in problems if p.startswith(at)]
        assert len(found) == 1 and reason in found[0], (slug, problems)


# Ruby itself: YAML (Psych) and Time.parse on generated forms, one process.

_RUBY_READS = """
require "time"
require "psych"
require "json"
now = Time.at(Integer(ENV["NOW"]))
STDIN.each_line do |line|
  text, plain = JSON.parse(line)
  value = plain ? Psych.safe_load("date: #{text}", permitted_classes: [Date, Time])["date"] : text
  puts JSON.generate(Time.parse(value.to_s, now).localtime.strftime("%Y-%m-%d %H:%M:%S %z"))
rescue StandardError => e
  puts JSON.generate("error: #{e.message}")
end
"""


def generated_forms() -> list[tuple[str, bool]]:
    days = ["2021-04-10", "2021-4-1", "2021-02-30", "2021-02-31", "2020-02-29"]
    days += ["2021-13-01", "2014/09/08", "9/8/14", "8.9.2014", "September 8, 2014"]
    days += ["8th Sep 2014", "8-Sep-2014", "Mon, 08 Sep 2014", "20140908", "March 2nd"]
    days += ["", "2014-251", "2014-W37-1", "H26.09.08", "'14", "Sep", "--09-08"]
    times = ["", "02:00:00", "14:00", "2:00 pm", "12:00 am", "10h30m", "23:59:60"]
    times += ["24:00", "24:30", "02:00:00.5", "7:45:30 p.m.", "T02:00:00", "1030"]
    zones = ["", "Z", "UTC", "GMT", "EST", "PDT", "+0000", "-0000", "+0530", "+05:30"]
    zones += ["-08:00", "+5", "+05", "+530", "-00:30", "JST", "CET", "A", "Y", "UTC+5"]
    zones += ["2023 -0800", "[-5:EST]", "Eastern Standard Time"]
    texts = {
        " ".join(part for part in parts if part).replace(" T", "T")
        for parts in itertools.product(days, times, zones)
    }
    forms = [(text, False) for text in sorted(texts) if text]
    return forms + [(text, True) for text, _ in forms if unquoted_is_plain(text)]


def unquoted_is_plain(text: str) -> bool:
    """Written unquoted, the text is one plain YAML scalar (not `[...]`, `'14`)."""
    try:
        fm = frontmatter.load(f"date: {text}\n", "p.md")
    except ProblemError:
        return False
    return "date" in fm.plain and fm.text["date"] == text


def test_dates_reads_generated_forms_as_ruby_does():
    need(JEKYLL, "jekyll")
    need(RUBY, "ruby")
    forms = generated_forms()
    done = subprocess.run(
        [RUBY, "-e", _RUBY_READS],
        input="".join(json.dumps(form) + "\n" for form in forms),
        capture_output=True,
        text=True,
        env={
            "PATH": os.environ["PATH"],
            "TZ": "America/New_York",
            "NOW": str(int(NOW.timestamp())),
            "LC_ALL": "C.UTF-8",
        },  # fmt: skip
        timeout=300,
    )
    ruby = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(ruby) == len(forms), done.stderr
    differ = []
    for (text, plain), theirs in zip(forms, ruby, strict=True):
        try:
            moment = dates.parse(text, NEW_YORK, plain=plain, now=NOW)
            ours = f"{moment:%Y-%m-%d %H:%M:%S %z}"[:25]  # Ruby drops LMT seconds
        except dates.DateError as error:
            if "years 1-9999" in str(error):
                continue  # Ruby writes any year; this site cannot
            ours = f"error: {error}"
        if ours.startswith("error") != theirs.startswith("error") or (
            not ours.startswith("error") and ours != theirs
        ):
            differ.append((text, plain, theirs, ours))
    assert len(forms) > 5000
    assert differ == []

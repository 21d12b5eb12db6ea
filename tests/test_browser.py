"""The theme in a real browser: headless Chromium against the sample site on 127.0.0.1.

One build, one server and one browser session for the whole module. Skips on a
machine without Chromium; in CI (CI=true) a missing browser is a failure.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT
from sitetools.browser import build_site, chromium, emulate, missing, serve

PAYLOAD = '</title><script>alert(1)</script>" onmouseover="x'
POST = "2021/09/14/full-capacity.html"
NEXT_IN_SERIES = "2021/09/28/on-call-load.html"
TABLE_POST = NEXT_IN_SERIES
SERIES = "series/capacity/"
NUMBERED = "2020/02/01/numbered.html"
NUMBERED_POST = """---
title: Numbered code
---
Before the code.

{% highlight ruby linenos %}
def greet(name)
  puts "Hello, #{name}!" # long enough to scroll on a phone
end

greet("world")
{% endhighlight %}

The same without numbers:

{% highlight ruby %}
def greet(name)
  puts "Hello"
end
{% endhighlight %}
"""
AXE_VERSION = "4.14.1"
# Replaces the dialogs before any page script runs, so an injected alert() is
# recorded instead of blocking the session.
RECORD_DIALOGS = """
window.__dialogs = [];
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = (message) => { window.__dialogs.push(String(message)); };
}
"""


def unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; browser tests must run in CI", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    """The sample site plus a post whose title and series are the escaping payload."""
    root = tmp_path_factory.mktemp("browser-site")
    shutil.copytree(ROOT / "content", root / "content")
    quoted = PAYLOAD.replace("'", "''")
    (root / "content/_posts/2020-01-15-payload.md").write_text(
        f"---\ntitle: '{quoted}'\nseries: '{quoted}'\n---\nBody text.\n", "utf-8"
    )
    (root / "content/_posts/2020-02-01-numbered.md").write_text(NUMBERED_POST)
    build_site(root / "content", root / "output")
    return root / "output"


@pytest.fixture(scope="module")
def base_url(output):
    with serve(output) as url:
        yield url


@pytest.fixture(scope="module")
def driver():
    reason = missing()
    if reason:
        unavailable(reason)
    with chromium() as session:
        session.set_script_timeout(60)
        session.execute_cdp_cmd(
            "Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_DIALOGS}
        )
        yield session


@pytest.fixture(scope="module")
def axe_source() -> str:
    """axe-core from npm, installed once into a cache folder outside the repository."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = cache / "platform-notes-tests" / f"axe-core-{AXE_VERSION}"
    script = folder / "node_modules/axe-core/axe.min.js"
    if not script.is_file():
        npm = shutil.which("npm")
        if npm is None:
            unavailable("npm is needed to install axe-core")
        done = subprocess.run(
            [
                npm, "install", "--prefix", str(folder), "--no-save",
                "--no-package-lock", "--no-audit", "--no-fund", f"axe-core@{AXE_VERSION}",
            ],
            capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        if done.returncode != 0:
            unavailable(f"npm could not install axe-core: {done.stderr[-500:]}")
    return script.read_text("utf-8")


def visit(driver, base_url: str, path: str, width: int = 1280, scheme="light"):
    """Open a page with fresh logs, so what is read afterwards belongs to it."""
    driver.get_log("browser")
    driver.get_log("performance")
    emulate(driver, width, scheme)
    driver.get(f"{base_url}/{path}")


def payload_series_page(output: Path) -> str:
    known = {"capacity", "incidents"}
    found = [p.parent.name for p in output.glob("series/*/index.html")]
    (slug,) = [name for name in found if name not in known]
    return f"series/{slug}/"


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", [POST, TABLE_POST, "", SERIES])
def test_pages_have_no_horizontal_scroll(driver, base_url, path, width):
    visit(driver, base_url, path, width)
    viewport, content = driver.execute_script(
        "const e = document.documentElement; return [e.clientWidth, e.scrollWidth];"
    )
    assert content <= viewport, f"{path} is {content}px wide in a {viewport}px view"
    if width == 375:
        assert viewport == 375, "the meta viewport should make the layout 375px wide"


def test_dark_mode_changes_the_page_colours(driver, base_url):
    colours = "const s = getComputedStyle(document.body); return [s.backgroundColor, s.color];"
    visit(driver, base_url, POST, scheme="light")
    light = driver.execute_script(colours)
    visit(driver, base_url, POST, scheme="dark")
    dark = driver.execute_script(colours)
    assert light[0] != dark[0] and light[1] != dark[1]
    assert brightness(dark[0]) < 0.2 < 0.8 < brightness(light[0])


def test_the_toggle_overrides_the_system_scheme_and_is_remembered(driver, base_url):
    background = "return getComputedStyle(document.body).backgroundColor"
    visit(driver, base_url, POST, scheme="light")
    toggle = driver.find_element(By.CSS_SELECTOR, ".theme-toggle")
    assert toggle.is_displayed() and toggle.text == "Dark theme"
    try:
        toggle.click()
        assert brightness(driver.execute_script(background)) < 0.2
        visit(driver, base_url, SERIES, scheme="light")
        assert brightness(driver.execute_script(background)) < 0.2
        assert (
            driver.find_element(By.CSS_SELECTOR, ".theme-toggle").text == "Light theme"
        )
    finally:
        driver.execute_script("localStorage.clear()")


def test_the_series_next_link_reaches_the_next_post(driver, base_url):
    visit(driver, base_url, POST)
    driver.find_element(By.CSS_SELECTOR, '.series-box a[rel="next"]').click()
    WebDriverWait(driver, 10).until(lambda d: d.current_url.endswith(NEXT_IN_SERIES))
    heading = driver.find_element(By.TAG_NAME, "h1").text
    assert heading == "Measuring what on-call really costs"


@pytest.mark.parametrize("path", ["", POST, SERIES, "series/", "404.html"])
def test_pages_log_no_console_error_and_request_only_loopback(driver, base_url, path):
    visit(driver, base_url, path)
    errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    hosts = {urlsplit(url).hostname for url in requested(driver)}
    assert hosts == {"127.0.0.1"}


def test_the_escaping_payload_never_runs_and_reads_literally(driver, base_url, output):
    for path in [
        "archives.html",
        "2020/01/15/payload.html",
        payload_series_page(output),
    ]:
        visit(driver, base_url, path)
        for element in driver.find_elements(By.CSS_SELECTOR, "h1, main a"):
            ActionChains(driver).move_to_element(element).perform()  # hover
        state = driver.execute_script(
            """return {
              dialogs: window.__dialogs,
              handlers: document.querySelectorAll("[onmouseover]").length,
              scripts: [...document.scripts].filter(
                s => s.type !== "application/ld+json" && !s.src.endsWith("/theme/js/theme.js")
              ).length,
              text: document.body.innerText,
              title: document.title,
            }"""
        )
        assert state["dialogs"] == [] and state["handlers"] == 0, path
        assert state["scripts"] == 0, path
        assert PAYLOAD in state["text"], path
        if path != "archives.html":
            assert state["title"].startswith(PAYLOAD), path


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", POST, SERIES, NUMBERED])
def test_axe_finds_no_serious_accessibility_problem(
    driver, base_url, axe_source, path, scheme
):
    visit(driver, base_url, path, scheme=scheme)
    driver.execute_script(axe_source)
    violations = driver.execute_async_script(
        """const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ["violations"]}).then(
          (result) => done(result.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
          }))),
          (error) => done([{id: "axe-error", impact: "critical", help: String(error)}]),
        );"""
    )
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == []


# From a PNG of an element: the runs of like colours down one column of pixels.
COLUMN_RUNS = """
const [png, x, done] = arguments;
const image = new Image();
image.onload = () => {
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(x, 0, 1, image.height).data;
  const runs = [];
  for (let y = 0; y < image.height; y++) {
    const colour = [pixels[4 * y], pixels[4 * y + 1], pixels[4 * y + 2]];
    const last = runs[runs.length - 1];
    const near = last && colour.every((c, i) => Math.abs(c - last.colour[i]) <= 6);
    if (near) last.rows += 1; else runs.push({colour, rows: 1});
  }
  done(runs);
};
image.src = "data:image/png;base64," + png;
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_line_numbered_code_is_one_block_with_a_gutter(
    driver, base_url, scheme, tmp_path_factory
):
    """`{% highlight ruby linenos %}` (Rouge's table of a gutter and the code)
    reads as one box, like a plain block: no box inside it, no rule below."""
    visit(driver, base_url, NUMBERED, width=1280, scheme=scheme)
    figure = driver.find_element(By.CSS_SELECTOR, "figure.highlight:has(.rouge-table)")
    layout = driver.execute_script(NUMBERED_LAYOUT, figure)
    # Borders are painted on whole pixels: the same clip, rounded.
    top, left = round(layout["box"][0]), round(layout["box"][1])
    clip = {
        "x": left, "y": top, "scale": 1,
        "width": round(layout["box"][1] + layout["box"][3]) - left,
        "height": round(layout["box"][0] + layout["box"][2]) - top,
    }  # fmt: skip
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "clip": clip}
    )["data"]
    folder = tmp_path_factory.mktemp("screenshots")
    (folder / f"numbered-code-{scheme}.png").write_bytes(base64.b64decode(shot))
    # Down a column through the gutter and one through the code's side: the
    # block's top border, one background, its bottom border; nothing between
    # (no box inside the box, no rule under the table).
    for x in layout["columns"]:
        runs = driver.execute_async_script(COLUMN_RUNS, shot, round(x))
        assert [run["rows"] for run in runs] == [1, clip["height"] - 2, 1]
        assert runs[0]["colour"] == runs[2]["colour"] != runs[1]["colour"]
    assert layout["bordered"] == [
        "pre.:1,1,1,1",  # the block's one box
        "td.gutter gl:0,1,0,0",  # the gutter's edge
    ]
    top_numbers, top_code, numbers_height, code_height = layout["rows"]
    assert top_numbers == top_code and numbers_height == code_height
    assert layout["sizes"][0] == layout["sizes"][1]  # as a plain block's code
    assert layout["backgrounds"][0] == layout["backgrounds"][1]
    assert layout["colours"][0] != layout["colours"][1]
    assert layout["selectable"] == "none"  # copying the code leaves the numbers

    visit(driver, base_url, NUMBERED, width=375, scheme=scheme)
    figure = driver.find_element(By.CSS_SELECTOR, "figure.highlight:has(.rouge-table)")
    narrow = driver.execute_script(NUMBERED_LAYOUT, figure)
    assert narrow["scrolled"] == 100  # the long line scrolls inside the box
    assert narrow["gutterStays"]  # and the numbers stay, over the code


NUMBERED_LAYOUT = """
const figure = arguments[0];
const px = (e, p) => parseFloat(getComputedStyle(e)[p]);
const sides = (e) => ["Top", "Right", "Bottom", "Left"].map((s) => px(e, `border${s}Width`));
const rect = (e) => e.getBoundingClientRect();
const box = figure.querySelector("pre");
const gutter = figure.querySelector(".gutter");
const numbers = gutter.querySelector("pre");
const code = figure.querySelector(".code pre");
const plain = [...document.querySelectorAll("figure.highlight")]
  .find((f) => !f.querySelector("table")).querySelector("code");
const before = rect(gutter).left;
box.scrollLeft = 100;
const layout = {
  box: [rect(figure).top, rect(figure).left, rect(figure).height, rect(figure).width],
  bordered: [...figure.querySelectorAll("*")]
    .filter((e) => sides(e).some((w) => w > 0))
    .map((e) => e.tagName.toLowerCase() + "." + e.className + ":" + sides(e)),
  rows: [rect(numbers).top, rect(code).top, numbers.offsetHeight, code.offsetHeight],
  sizes: [px(code, "fontSize"), px(plain, "fontSize")],
  scrolled: box.scrollLeft,
  gutterStays: rect(gutter).left === before,
  backgrounds: [getComputedStyle(gutter).backgroundColor,
                getComputedStyle(figure).backgroundColor],
  colours: [getComputedStyle(numbers).color, getComputedStyle(code).color],
  selectable: getComputedStyle(gutter).userSelect,
  columns: [8, rect(gutter).right - rect(figure).left + 4],
};
box.scrollLeft = 0;
return layout;
"""


def requested(driver) -> list[str]:
    """URLs the page asked for, from Chromium's network log."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            if not url.startswith(("data:", "about:")):
                urls.append(url)
    return urls


def brightness(css_colour: str) -> float:
    """0 for black, 1 for white, from an `rgb(...)` computed value."""
    channels = css_colour[css_colour.index("(") + 1 : -1].split(",")[:3]
    return sum(float(c) for c in channels) / (3 * 255)

"""The dev server, on a free loopback port: edits are served within 3 s, a
failed build is shown in the page and the server waits for the next save,
plugin code is reloaded without a restart, drafts only with DRAFTS (and their
addresses printed); a missing page is the site's 404.html with status 404, in
the dev server and `make serve`; a port in use is one line with the fix."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from conftest import ROOT
from sitetools import server
from sitetools.devserver import DevServer

RELOAD_DEADLINE = 3.0  # seconds from saving a post to serving the new text
PATIENCE = 60.0  # an upper bound for a rebuild, so a broken server fails the test
TARGET = "---\ntitle: Target\n---\nTarget text.\n"
POST = "---\ntitle: Outage\n---\n{}\n"


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def status(dev: DevServer) -> dict:
    return json.loads(get(dev.url + server.STATUS.lstrip("/"))[1])


def until(check, deadline: float):
    """Poll `check` until it returns something true, or fail at the deadline."""
    end = time.monotonic() + deadline
    while True:
        result = check()
        if result or time.monotonic() > end:
            return result
        time.sleep(0.05)


@contextmanager
def running(
    content: Path, output: Path, settings: Path = ROOT / "pelicanconf.py", **kw
):
    dev = DevServer(content, output, settings, port=0, log=io.StringIO(), **kw)
    try:
        dev.start()
        yield dev
    finally:
        dev.stop()


def project_of(site) -> Path:
    """The settings and theme beside the site's content, as in a real project,
    so that nothing outside the test starts a build."""
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "theme", site.root / "theme", ignore=ignore)
    return Path(shutil.copy(ROOT / "pelicanconf.py", site.root))


def test_edits_reload_errors_show_and_the_next_good_save_recovers(site):
    settings = project_of(site)
    site.write("_posts/2021-10-08-target.md", TARGET)
    post = site.write("_posts/2021-11-19-outage.md", POST.format("First text."))
    where = post.relative_to(site.root)  # as reported from the project's folder
    with running(site.content, site.root / "output", settings) as dev:
        page = dev.url + "2021/11/19/outage.html"
        code, text = get(page)
        assert code == 200 and "First text." in text
        assert server.EVENTS in text  # the reload script is in the page
        assert dev.url.startswith("http://127.0.0.1:")

        builds = status(dev)["builds"]
        events = urllib.request.urlopen(
            f"{dev.url}{server.EVENTS.lstrip('/')}?since={builds}", timeout=PATIENCE
        )
        post.write_text(POST.format("Second text."))
        assert until(lambda: "Second text." in get(page)[1], RELOAD_DEADLINE)
        assert events.readline() == b"event: build\n"  # the browser is told to reload
        events.close()

        post.write_text(POST.format("See {% post_url 2021-10-08-targte %}."))
        failed = until(lambda: not status(dev)["ok"] and status(dev), PATIENCE)
        assert failed["problems"] == [
            f'{where}:4:5: post_url: no post named "2021-10-08-targte"; '
            'did you mean "2021-10-08-target"?'
        ]
        code, text = get(page)
        assert code == 200 and "Second text." in text  # the last good page, and
        assert 'id="devserver-error"' in text  # the error over it
        assert f"{where}:4:5" in text
        terminal = dev.log.getvalue()  # and in the terminal
        assert f"{where}:4:5: post_url" in terminal
        assert "FAILED (exit status 1)" in terminal

        time.sleep(2)  # nothing changes: no build starts on its own
        assert status(dev)["builds"] == failed["builds"]

        post.write_text(POST.format("Fixed: {% post_url 2021-10-08-target %}."))
        assert until(lambda: status(dev)["ok"], PATIENCE)
        code, text = get(page)
        assert code == 200 and "Fixed:" in text
        assert "devserver-error" not in text


def test_drafts_appear_only_with_drafts_and_are_marked(site):
    site.write("_posts/2021-10-08-target.md", TARGET)
    site.write(
        "_posts/2021-12-01-plans.md",
        "---\ntitle: Zebra plans\npublished: false\n---\nPlans text.\n",
    )
    draft = "2021/12/01/plans.html"
    with running(site.content, site.root / "output") as dev:
        assert get(dev.url + draft)[0] == 404
        assert "Zebra" not in get(dev.url)[1]
    with running(site.content, site.root / "preview", drafts=True) as dev:
        code, text = get(dev.url + draft)
        assert code == 200 and "Plans text." in text
        assert 'class="draft-notice"' in text
        assert "Zebra plans" in get(dev.url)[1]  # listed on the home page
        terminal = dev.log.getvalue().splitlines()
        at = terminal.index("drafts (1, shown only in this preview):")
        assert terminal[at + 1] == f"  {dev.url}{draft}  (_posts/2021-12-01-plans.md)"


def test_a_missing_page_is_the_sites_404_page_with_status_404(site):
    site.write("_posts/2021-10-08-target.md", TARGET)
    with running(site.content, site.root / "output") as dev:
        for path in ("2021/10/08/gone.html", "2021/10/", "no/such/folder/"):
            code, text = get(dev.url + path)
            assert code == 404, path
            page = BeautifulSoup(text, "html.parser")
            assert page.h1.get_text() == "Page not found"
            assert page.base["href"] == "/"  # its relative links work anywhere
            assert server.EVENTS in text  # and it reloads after a build
        stylesheet = page.select_one('link[rel="stylesheet"]')["href"]
        assert get(urljoin(dev.url, stylesheet))[0] == 200
    http = server.make_server(site.root / "output", "127.0.0.1", 0)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    try:
        code, text = get(server.url(http) + "2021/10/08/gone.html")
        assert code == 404 and "Page not found" in text
        assert server.EVENTS not in text
    finally:
        http.shutdown()
        http.server_close()
        thread.join(timeout=10)


def test_a_port_in_use_is_one_line_with_the_fix(site):
    site.write("_posts/2021-10-08-target.md", TARGET)
    output = site.root / "output"
    output.mkdir()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for target, args in (
            ("devserver", ["devserver", "--content", str(site.content), "--output"]),
            ("serve", ["server"]),
        ):
            module, *options = args
            done = subprocess.run(
                [sys.executable, "-m", f"sitetools.{module}", *options, str(output),
                 "--port", str(port)],
                cwd=ROOT, capture_output=True, text=True, timeout=PATIENCE,
            )  # fmt: skip
            assert done.returncode == 1
            assert done.stderr.splitlines() == [
                f"port {port} on 127.0.0.1 is in use (another server still running?); "
                f"stop it, or choose another port: `make {target} PORT={port + 1}`"
            ]


STAMP = """from pelican import signals


def stamp(pelican):
    pelican.settings["SITENAME"] = {name!r}


def register():
    signals.initialized.connect(stamp)
"""


def test_a_plugin_change_takes_effect_without_a_restart(tmp_path):
    plugin = tmp_path / "plugins" / "stamp" / "__init__.py"
    plugin.parent.mkdir(parents=True)
    plugin.write_text(STAMP.format(name="Stamp one"))
    settings = tmp_path / "pelicanconf.py"
    settings.write_text(
        (ROOT / "pelicanconf.py").read_text()
        + f"\nTHEME = {str(ROOT / 'theme')!r}\n"
        + "PLUGIN_PATHS = ['plugins']\n"
        + "PLUGINS = ['pelican.plugins.jekyll_posts', 'stamp']\n"
    )
    content = tmp_path / "content" / "_posts"
    content.mkdir(parents=True)
    (content / "2021-10-08-target.md").write_text(TARGET)
    with running(tmp_path / "content", tmp_path / "output", settings) as dev:
        assert "Stamp one" in get(dev.url)[1]
        plugin.write_text(STAMP.format(name="Stamp two"))
        assert until(lambda: "Stamp two" in get(dev.url)[1], PATIENCE)


def test_make_devserver_serves_on_loopback_and_stops_on_sigterm(site):
    site.write("_posts/2021-10-08-target.md", TARGET)
    venv = ROOT / ".venv"
    command = [
        "make", "-s", "-o", f"{venv}/.installed", f"VENV={venv}", "devserver",
        "PORT=0", f"INPUTDIR={site.content}", f"OUTPUTDIR={site.root / 'output'}",
    ]  # fmt: skip
    with open(site.root / "terminal.log", "w+") as terminal:
        make = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.PIPE, stderr=terminal, text=True,
            start_new_session=True,
        )  # fmt: skip
        watchdog = threading.Timer(PATIENCE, os.killpg, (make.pid, signal.SIGKILL))
        watchdog.start()
        try:
            line = make.stdout.readline()
            assert " at http://127.0.0.1:" in line, line
            url = line.split(" at ")[1].split()[0]
            code, text = get(url + "2021/10/08/target.html")
            assert code == 200 and "Target text." in text
        finally:
            os.killpg(make.pid, signal.SIGTERM)  # as Ctrl+C does, to the group
            make.wait(timeout=PATIENCE)
            watchdog.cancel()
            make.stdout.close()
        terminal.seek(0)
        assert "build 1: done" in terminal.read()
    # The build process is left out of the terminal's signals: the dev server
    # ends it once it has saved what it kept in memory, for the next start.
    assert (site.root / "cache/preview/jekyll_front_matter.pickle").is_file()
    try:
        urllib.request.urlopen(url, timeout=10)
    except urllib.error.URLError as error:
        assert isinstance(error.reason, ConnectionRefusedError)
    else:
        raise AssertionError("the server still answers after SIGTERM")


def test_binding_beyond_loopback_warns():
    for address in ("127.0.0.1", "127.0.0.2", "::1", "localhost"):
        assert server.exposure_warning(address) is None
    for address in ("0.0.0.0", "::", "192.168.1.20"):
        assert "reachable from other machines" in server.exposure_warning(address)


def test_serving_the_output_as_it_is_adds_nothing(tmp_path):
    (tmp_path / "index.html").write_text("<html><body>As built.</body></html>")
    http = server.make_server(tmp_path, "127.0.0.1", 0)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    try:
        code, text = get(server.url(http))
        assert code == 200 and text == "<html><body>As built.</body></html>"
    finally:
        http.shutdown()
        http.server_close()
        thread.join(timeout=10)

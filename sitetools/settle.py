"""Published files get fixed modes, and times that change only with their bytes.

A build creates every file anew, with the umask's modes (a publish folder made
by mkdtemp is even 700), and with the time of the build: a web server running
as another user would answer 403, and `aws s3 sync`, which uploads a file
whose size differs or whose time is newer than the copy in the bucket, would
upload the whole site every time. So, once the build has passed the gate:

- every file is 644 and every folder 755;
- a file whose bytes the last publish also had keeps that publish's time
  (the store: `cache/published-<output>.json`, path -> [sha256, time]);
  a new or changed file gets the publish time, SOURCE_DATE_EPOCH when set;
- a folder takes the newest time inside it.

Two publishes of the same sources thus give the same files, modes and times,
and a second upload sends nothing.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import time
from pathlib import Path

FILE_MODE = 0o644
FOLDER_MODE = 0o755


def store_for(output: Path) -> Path:
    """Where the times of what was published to `output` are kept."""
    output = Path(output).resolve()
    return output.parent / "cache" / f"published-{output.name}.json"


def publish_time() -> int:
    """SOURCE_DATE_EPOCH when set (reproducible), else now, rounded up: a
    changed file must be newer than its copy uploaded in an earlier second."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(epoch) if epoch.isdigit() else math.ceil(time.time())


def settle(root: Path, store: Path, now: int) -> dict[str, list]:
    """Set the modes and times under `root`; returns the record for `remember`."""
    root = Path(root)
    previous = _load(store)
    record: dict[str, list] = {}
    newest: dict[Path, int] = {}
    for folder, dirs, files in os.walk(root, topdown=False):
        here = Path(folder)
        latest = 0
        for name in files:
            path = here / name
            relative = path.relative_to(root).as_posix()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            last = previous.get(relative)
            when = last[1] if last and last[0] == digest else now
            os.chmod(path, FILE_MODE)
            os.utime(path, (when, when))
            record[relative] = [digest, when]
            latest = max(latest, when)
        for name in dirs:
            latest = max(latest, newest.pop(here / name, 0))
        newest[here] = latest or now
        os.chmod(here, FOLDER_MODE)
        os.utime(here, (newest[here], newest[here]))
    return record


def remember(store: Path, record: dict[str, list]) -> None:
    """Keep what was published, for the next publish to compare with."""
    store.parent.mkdir(parents=True, exist_ok=True)
    partial = store.with_name(store.name + ".tmp")
    partial.write_text(json.dumps(record, sort_keys=True), "utf-8")
    os.replace(partial, store)


def _load(store: Path) -> dict[str, list]:
    try:
        found = json.loads(Path(store).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}

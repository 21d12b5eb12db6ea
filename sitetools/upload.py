"""`make rsync_upload` and `make s3_upload`: copy a published site to its host.

Both refuse a folder without index.html: an empty or half-built output
would otherwise replace the live site through the deletions below. rsync
moves every changed file into place at the end (--delay-updates) and deletes
only then (--delete-after), so visitors never get half the old site and half
the new; it gives the server the publish's modes (644, folders 755, so a web
server running as another user can read them, even in a target it creates)
and times. S3 gets the assets first, then the pages that use them, then the
deletions; `aws s3 sync` uploads only files whose size or time changed, and
a publish keeps the time of every file whose bytes did not (sitetools.settle).
No ACL is sent unless asked for, since buckets created with today's defaults
refuse one. A missing rsync or aws is one line saying how to install it.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
from pathlib import Path


class UploadRefused(Exception):
    pass


def check_site(output: Path) -> None:
    if not (Path(output) / "index.html").is_file():
        raise UploadRefused(
            f"{output}/index.html is missing: not uploading what looks like an "
            "empty or failed build (run `make publish`)"
        )


def rsync_command(
    output: Path, target: str, host: str = "", user: str = "", port: int = 22
) -> list[str]:
    """The rsync command line; without a host the target is a local folder."""
    if not target:
        raise UploadRefused("SSH_TARGET_DIR is empty: say which folder to upload to")
    command = ["rsync", "--recursive", "--checksum", "--verbose"]
    command += ["--perms", "--chmod=D755,F644", "--times"]
    command += ["--delay-updates", "--delete-after"]
    destination = f"{target.rstrip('/')}/"
    if host:
        command += ["--compress", "--rsh", f"ssh -p {port}"]
        destination = f"{user + '@' if user else ''}{host}:{destination}"
    return [*command, f"{output}/", destination]


def s3_commands(
    output: Path, bucket: str, acl: str = "", endpoint: str = ""
) -> list[list[str]]:
    """Three `aws s3 sync` runs: assets, then HTML pages, then deletions;
    `endpoint` is an S3-compatible service's address."""
    bucket = bucket.removeprefix("s3://").strip("/")
    if not bucket:
        raise UploadRefused("S3_BUCKET is empty: say which bucket to upload to")
    sync = ["aws", "s3", "sync", f"{output}/", f"s3://{bucket}/"]
    if endpoint:
        sync += ["--endpoint-url", endpoint]
    grant = ["--acl", acl] if acl else []
    return [
        [*sync, "--exclude", "*.html", *grant],
        [*sync, "--exclude", "*", "--include", "*.html", *grant],
        [*sync, "--delete"],
    ]


def check_tool(command: list[str]) -> None:
    """A missing program is one line that says how to install it."""
    install = {
        "rsync": "install it (Debian: apt-get install rsync), here and on the server",
        "aws": "install the AWS CLI (pip install awscli, or Debian: apt-get install "
        "awscli), then run `aws configure`",
    }
    if shutil.which(command[0]) is None:
        raise UploadRefused(f"`{command[0]}` is not installed: {install[command[0]]}")


def run(commands: list[list[str]]) -> int:
    """Run each command in turn, showing it first; stop at the first failure."""
    for command in commands:
        print(shlex.join(command), flush=True)
        code = subprocess.run(command).returncode
        if code:
            return code
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    targets = parser.add_subparsers(dest="to", required=True)
    rsync = targets.add_parser("rsync", help="to a server over SSH, or a folder")
    rsync.add_argument("output", type=Path)
    rsync.add_argument("--target", default="", help="folder on the server")
    rsync.add_argument("--host", default="", help="SSH host; empty for a local folder")
    rsync.add_argument("--user", default="")
    rsync.add_argument("--port", type=int, default=22)
    s3 = targets.add_parser("s3", help="to an S3 bucket with the aws CLI")
    s3.add_argument("output", type=Path)
    s3.add_argument("--bucket", default="", help="bucket name, optionally /prefix")
    s3.add_argument("--acl", default="", help="e.g. public-read; none by default")
    s3.add_argument("--endpoint", default="", help="an S3-compatible service's URL")
    args = parser.parse_args(argv)
    try:
        check_site(args.output)
        if args.to == "rsync":
            commands = [
                rsync_command(args.output, args.target, args.host, args.user, args.port)
            ]
        else:
            commands = s3_commands(args.output, args.bucket, args.acl, args.endpoint)
        check_tool(commands[0])
    except UploadRefused as error:
        print(f"upload refused: {error}", file=sys.stderr)
        return 1
    return run(commands)


if __name__ == "__main__":
    sys.exit(main())

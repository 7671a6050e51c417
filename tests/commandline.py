"""Running the `praktik` command as a user does: the installed script, in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PRAKTIK = str(Path(sys.executable).with_name("praktik"))
# Not inherited: Slack tokens, a database chosen by the caller's shell, the caller's locale.
UNSET = ("SLACK_", "DATABASE_URL", "LANG", "LC_")


def praktik(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(UNSET)}
    return subprocess.run(  # noqa: S603 - our own entry point, no shell
        [PRAKTIK, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=cwd,
        env=env,
        check=False,
    )

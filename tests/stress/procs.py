"""Real processes for the stress tests: scratch PostgreSQL databases and clusters, and
`praktik serve` subprocesses. Loopback only; every wait is bounded."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from models.db import normalise_url
from tests.databases import PG_URL
from tests.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
START_LIMIT = 30.0  # seconds for a process to answer /healthz


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- a fresh database on the test server -------------------------------------------------


@contextlib.contextmanager
def scratch_database(server_url: str | None = None) -> Iterator[str]:
    """A new, empty PostgreSQL database (not just a schema: other processes connect to it
    with a plain URL), migrated with `praktik db upgrade`, dropped afterwards."""
    base = server_url or PG_URL
    if not base:
        pytest.skip("PRAKTIK_TEST_DATABASE_URL is not set")
    name = f"praktik_stress_{uuid.uuid4().hex[:10]}"
    # No pool: a connection kept from before a test restarts the server would be dead.
    admin = create_engine(normalise_url(base), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(normalise_url(base)).set(database=name)
    plain = url.render_as_string(hide_password=False).replace(
        "postgresql+psycopg://", "postgresql://"
    )
    try:
        upgrade = subprocess.run(  # noqa: S603 - our own CLI, fixed arguments
            [str(BIN / "praktik"), "db", "upgrade"],
            env={**os.environ, "DATABASE_URL": plain},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert upgrade.returncode == 0, upgrade.stderr
        yield plain
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# --- a throwaway PostgreSQL cluster that a test may restart ------------------------------


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


@dataclass
class Cluster:
    """A PostgreSQL server of our own on a free loopback port, in a temporary folder."""

    bin: Path
    folder: Path
    port: int
    owner: str | None  # run the server as this user (PostgreSQL refuses to run as root)
    log: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.folder / "server.log"

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str, limit: float = 60) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.owner is not None:
            command = ["runuser", "-u", self.owner, "--", *command]
        return subprocess.run(  # noqa: S603 - fixed programs, our own arguments
            command, capture_output=True, text=True, timeout=limit, check=False
        )

    def _pg_ctl(self, action: str, *extra: str) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        done = self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w",
            "-t", "30", action, *extra,
        )  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctl {action} failed: {done.stdout} {done.stderr}")

    def start(self) -> None:
        self._pg_ctl("start")

    def stop(self, mode: str = "fast") -> None:
        self._pg_ctl("stop", "-m", mode)

    def restart(self, mode: str = "fast") -> None:
        self._pg_ctl("restart", "-m", mode)


@contextlib.contextmanager
def scratch_cluster() -> Iterator[Cluster]:
    """initdb + pg_ctl start on a free port; stopped and removed afterwards.

    Skips the test when it cannot be done here (no PostgreSQL binaries, or running as root
    with no `postgres` user to run the server as).
    """
    pg_bin = _pg_bin()
    if pg_bin is None or not (pg_bin / "initdb").exists():
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) here")
    owner: str | None = None
    if os.geteuid() == 0:
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no postgres user to run a server as")
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser")
        owner = account.pw_name
    folder = Path(tempfile.mkdtemp(prefix="praktik-pg-"))
    if owner is not None:
        account = pwd.getpwnam(owner)
        os.chown(folder, account.pw_uid, account.pw_gid)
    cluster = Cluster(pg_bin, folder, free_port(), owner)
    try:
        made = cluster._run(
            "initdb", "-D", str(cluster.data), "-U", "postgres", "-A", "trust",
            "--no-sync", "-E", "UTF8", "--locale=C",
        )  # fmt: skip
        if made.returncode != 0:
            pytest.skip(f"initdb failed here: {made.stderr.strip()[:200]}")
        cluster.start()
        yield cluster
    finally:
        with contextlib.suppress(Exception):
            cluster.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


# --- `praktik serve` processes -----------------------------------------------------------


@dataclass
class Serve:
    """One `praktik serve` subprocess (tests.stress.serve: the real command, with an
    optional clock shift and dispatch interval)."""

    env: dict[str, str]
    port: int
    log: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def events_url(self) -> str:
        return f"{self.base_url}/slack/events"

    def start(self) -> Serve:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.stress.serve"],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        wait_until(self.healthy, limit=START_LIMIT, step=0.1, what=f"serve on {self.port}")
        return self

    def healthy(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise AssertionError(f"serve exited with {self.process.returncode}:\n{self.output()}")
        return self.health() == 200

    def health(self) -> int | None:
        return health(self.port)

    def kill(self) -> None:
        """SIGKILL: no clean-up, no drain; whatever was in flight stays in flight."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


def health(port: int) -> int | None:
    """The status of GET /healthz on the port; None when nothing answers."""
    try:
        with urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
            return int(answer.status)
    except URLError as error:
        code = getattr(error, "code", None)
        return int(code) if code is not None else None
    except OSError:
        return None


def serve_env(
    *,
    database_url: str,
    api_url: str,
    token: str,
    secret: str,
    port: int,
    now: str | None = None,
    interval: float | None = None,
    batch: int | None = None,
    extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SLACK_", "PRAKTIK_", "DATABASE_URL"))
    }
    env.update(
        SLACK_BOT_TOKEN=token,
        SLACK_SIGNING_SECRET=secret,
        SLACK_API_URL=api_url,
        DATABASE_URL=database_url,
        PORT=str(port),
        PRAKTIK_YEAR="2027",
        PYTHONUNBUFFERED="1",
    )
    if now is not None:
        env["PRAKTIK_STRESS_NOW"] = now
    if interval is not None:
        env["PRAKTIK_STRESS_DISPATCH_INTERVAL"] = str(interval)
    if batch is not None:
        env["PRAKTIK_STRESS_DISPATCH_BATCH"] = str(batch)
    env.update(extra or {})
    return env

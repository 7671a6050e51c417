"""Start-up as an operator meets it, with `praktik` run as a real process.

A bad setting: one line naming it, no traceback, a non-zero exit. A database that does not
answer: the offline commands say so in one line; `serve` waits for it, a line per try,
answering /healthz with 503 meanwhile. A good start: one line saying where it listens.
"""

from __future__ import annotations

import re
import signal
import subprocess
from pathlib import Path

import pytest

from bot.texts.startup import NO_COORDINATORS, setting_malformed, unsupported_database
from tests.stress.procs import BIN, ROOT, free_port, health, scratch_database, serve_env
from tests.waiting import wait_until

pytestmark = pytest.mark.slow

SECRET = "8f742231b10e8888abcd99a0b1c2d385"
NOBODY_HOME = "postgresql://praktik:hemmeligt@127.0.0.1:9/praktik"  # port 9: nothing listens


def _env(tmp_path: Path, **changes: str) -> dict[str, str]:
    env = serve_env(
        database_url=f"sqlite:///{tmp_path / 'praktik.db'}",
        api_url="http://127.0.0.1:9/api/",
        token="xoxb-1-praktik",
        secret=SECRET,
        port=free_port(),
    )
    env["PRAKTIK_ADMINS"] = "UKOORD1"
    env.update(changes)
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own CLI, fixed arguments
        [str(BIN / "praktik"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


BAD_SETTINGS = {
    "DATABASE_URL malformed": ("DATABASE_URL", "postgres//praktik", "ikke en database-URL"),
    "DATABASE_URL mysql": ("DATABASE_URL", "mysql://u@db/praktik", "mysql:// understøttes ikke"),
    "SQLite folder missing": ("DATABASE_URL", "sqlite:////no/such/dir/p.db", "findes ikke"),
    "bot token": ("SLACK_BOT_TOKEN", "xoxp-1-2-3", "begynder med xoxb-"),
    "app token": ("SLACK_APP_TOKEN", "xoxb-1-2-3", "begynder med xapp-"),
    "signing secret": ("SLACK_SIGNING_SECRET", "hemmelig", "ikke Slacks signing secret"),
}


@pytest.mark.parametrize("case", BAD_SETTINGS)
@pytest.mark.parametrize("command", ["serve", "socket"])
def test_a_bad_setting_stops_start_up_with_one_line_naming_it(
    tmp_path: Path, case: str, command: str
) -> None:
    name, value, reason = BAD_SETTINGS[case]
    env = _env(tmp_path, **{"SLACK_APP_TOKEN": "xapp-1-A0-1-ff", name: value})
    line = _one_line(_run(env, command))
    assert line.startswith(f"Konfigurationsfejl: {name} er ugyldig") and reason in line
    assert value not in line or name == "DATABASE_URL"


OFFLINE = {
    "db upgrade": ["db", "upgrade"],
    "eksport": ["eksport", "--out", "{tmp}/ud.csv"],
    "outbox": ["outbox"],
    "import": ["import", "--hosts", "{tmp}/hosts.csv"],
}


def _offline(tmp_path: Path, command: str) -> list[str]:
    (tmp_path / "hosts.csv").write_text(
        "id,name,organisation,sector,municipality,capacity,days,topics,ranking\n"
        "UHOST1,Bo Hansen,Ærø Kommune,kommune,Ærø,2,man;tir,klima,\n",
        encoding="utf-8",
    )
    return [part.format(tmp=tmp_path) for part in OFFLINE[command]]


@pytest.mark.parametrize("command", OFFLINE)
def test_an_offline_command_says_in_one_line_that_the_database_does_not_answer(
    tmp_path: Path, command: str
) -> None:
    line = _one_line(_run(_env(tmp_path, DATABASE_URL=NOBODY_HOME), *_offline(tmp_path, command)))
    assert line.startswith("Databasen postgresql://praktik:***@127.0.0.1:9/praktik svarer ikke")
    assert "hemmeligt" not in line


@pytest.mark.parametrize("command", OFFLINE)
def test_an_offline_command_refuses_a_database_url_it_cannot_use(
    tmp_path: Path, command: str
) -> None:
    env = _env(tmp_path, DATABASE_URL="mysql://u@db/praktik")
    line = _one_line(_run(env, *_offline(tmp_path, command)))
    assert line == setting_malformed("DATABASE_URL", unsupported_database("mysql"))


def test_db_upgrade_says_which_database_without_its_password(tmp_path: Path) -> None:
    file = tmp_path / "praktik.db"
    done = _run(_env(tmp_path, DATABASE_URL=f"sqlite:///{file}"), "db", "upgrade")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == f"Databasen sqlite:///{file} er opdateret."
    with scratch_database() as url:  # skips without PostgreSQL
        with_password = url.replace("postgresql://postgres@", "postgresql://postgres:pw1234@")
        done = _run(_env(tmp_path), "db", "upgrade", "--url", with_password)
        assert done.returncode == 0, done.stderr
        shown = done.stdout.strip().splitlines()[-1]
        assert shown == f"Databasen {with_password.replace('pw1234', '***')} er opdateret."


def _serve(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(  # noqa: S603 - our own CLI, fixed arguments
            [str(BIN / "praktik"), "serve"], cwd=ROOT, env=env, stdout=out, stderr=out
        )


def _stopped(process: subprocess.Popen[bytes]) -> int:
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=30)


STAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d"


def test_serve_says_where_it_listens_and_nothing_a_library_says_at_every_start(
    tmp_path: Path,
) -> None:
    env = _env(tmp_path)
    log = tmp_path / "serve.log"
    process = _serve(env, log)
    try:
        wait_until(lambda: health(int(env["PORT"])) == 200, limit=30, what="serve answering")
        wait_until(lambda: "Listening on" in log.read_text(), limit=10, what="listening line")
    finally:
        assert _stopped(process) == 0
    lines = log.read_text().splitlines()
    assert all(re.match(STAMP + " (INFO|WARNING|ERROR) ", line) for line in lines), lines
    listening = [line for line in lines if "Listening on" in line]
    assert len(listening) == 1
    assert f"http://0.0.0.0:{env['PORT']}" in listening[0]
    assert [line for line in lines if " WARNING " in line or " ERROR " in line] == []
    assert not [line for line in lines if "apscheduler" in line or "Context impl" in line]


def test_serve_without_coordinators_says_so_in_one_line_and_serves(tmp_path: Path) -> None:
    env = _env(tmp_path)
    del env["PRAKTIK_ADMINS"]
    log = tmp_path / "serve.log"
    process = _serve(env, log)
    try:
        wait_until(lambda: health(int(env["PORT"])) == 200, limit=30, what="serve answering")
        wait_until(lambda: "Listening on" in log.read_text(), limit=10, what="listening line")
    finally:
        assert _stopped(process) == 0
    warned = [line for line in log.read_text().splitlines() if " WARNING " in line]
    assert len(warned) == 1, warned
    assert warned[0].endswith(f" WARNING praktik.serve: {NO_COORDINATORS}")


def test_serve_waits_for_postgres_with_a_line_per_try_and_answers_503_meanwhile(
    tmp_path: Path,
) -> None:
    env = _env(tmp_path, DATABASE_URL=NOBODY_HOME)
    log = tmp_path / "serve.log"
    process = _serve(env, log)
    try:
        tries = re.compile(r"svarer ikke \(.*\); prøver igen om (\d+) s")
        wait_until(lambda: len(tries.findall(log.read_text())) >= 3, limit=30, what="three tries")
        assert health(int(env["PORT"])) == 503
    finally:
        assert _stopped(process) == 0
    text = log.read_text()
    assert [int(s) for s in tries.findall(text)][:3] == [1, 2, 4]  # each wait twice the last
    assert "hemmeligt" not in text and "Traceback" not in text

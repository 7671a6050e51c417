from __future__ import annotations

import pytest

from bot.cli import main
from bot.config import ConfigError, load_settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "PRAKTIK_ADMINS", "PORT", "PRAKTIK_TZ"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(str(tmp_path))  # no stray .env


def test_missing_setting_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    with pytest.raises(ConfigError, match="SLACK_SIGNING_SECRET is missing"):
        load_settings()


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("PORT", "tre tusind", "PORT is malformed"),
        ("PRAKTIK_ADMINS", "U1,bobby", "PRAKTIK_ADMINS is malformed: 'bobby'"),
        ("PRAKTIK_TZ", "Europe/Aarhus", "PRAKTIK_TZ is malformed: unknown time zone"),
        ("SLACK_API_URL", "slack.com", "SLACK_API_URL is malformed"),
    ],
)
def test_malformed_setting_names_it(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=expected):
        load_settings()


def test_admins_are_split_on_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv("PRAKTIK_ADMINS", "U01, W02 ,")
    settings = load_settings()
    assert settings.praktik_admins == {"U01", "W02"}
    assert settings.is_admin("U01") and not settings.is_admin("U03")


def test_dotenv_file_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from pathlib import Path

    Path(str(tmp_path), ".env").write_text(
        "SLACK_BOT_TOKEN=xoxb-2\nSLACK_SIGNING_SECRET=t\nPORT=4000\n"
    )
    assert load_settings().port == 4000


def test_cli_stops_with_one_line_and_no_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["serve"])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert (
        err.strip()
        == "Configuration error: SLACK_BOT_TOKEN is missing (set it in the environment or .env)"
    )

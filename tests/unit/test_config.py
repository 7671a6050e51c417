from __future__ import annotations

import pytest

from bot.cli import main
from bot.config import ConfigError, load_settings

SECRET = "8f742231b10e8888abcd99a0b1c2d385"  # 32 characters, as Slack's


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    for name in (
        "SLACK_BOT_TOKEN",
        "SLACK_SIGNING_SECRET",
        "SLACK_APP_TOKEN",
        "DATABASE_URL",
        "PRAKTIK_ADMINS",
        "PORT",
        "PRAKTIK_TZ",
    ):
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
        ("DATABASE_URL", "postgres//db", "DATABASE_URL is malformed: not a database URL"),
        ("DATABASE_URL", "postgresql://u@h:port/db", "DATABASE_URL is malformed: not a data"),
        ("DATABASE_URL", "mysql://u@h/db", "DATABASE_URL is malformed: mysql:// is not supp"),
        ("DATABASE_URL", "postgresql+asyncpg://u@h/db", "DATABASE_URL is malformed: the driv"),
        ("DATABASE_URL", "sqlite:////no/such/folder/p.db", "/no/such/folder of the SQLite"),
        ("SLACK_BOT_TOKEN", "xoxp-123-456", "SLACK_BOT_TOKEN is malformed: a bot token starts"),
        ("SLACK_APP_TOKEN", "xoxb-123", "SLACK_APP_TOKEN is malformed: an app-level token"),
        ("SLACK_SIGNING_SECRET", "s", "SLACK_SIGNING_SECRET is malformed: not Slack's"),
        ("SLACK_SIGNING_SECRET", SECRET[:31], "SLACK_SIGNING_SECRET is malformed"),
        ("SLACK_SIGNING_SECRET", SECRET[:31] + " ", "SLACK_SIGNING_SECRET is malformed"),
    ],
)
def test_malformed_setting_names_it(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    """Each names the setting and what is wrong, and never repeats a secret's value."""
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=expected) as refused:
        load_settings()
    assert "\n" not in str(refused.value)
    if ("TOKEN" in name or "SECRET" in name) and len(value) > 3:
        assert value.strip() not in str(refused.value)


def test_admins_are_split_on_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
    monkeypatch.setenv("PRAKTIK_ADMINS", "U01, W02 ,")
    settings = load_settings()
    assert settings.praktik_admins == {"U01", "W02"}
    assert settings.is_admin("U01") and not settings.is_admin("U03")


def test_dotenv_file_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    from pathlib import Path

    Path(str(tmp_path), ".env").write_text(
        f"SLACK_BOT_TOKEN=xoxb-2\nSLACK_SIGNING_SECRET={SECRET}\nPORT=4000\n"
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

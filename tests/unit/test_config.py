from __future__ import annotations

import re

import pytest

from bot.cli import main
from bot.process.config import NOTICE_NAME_MAX, ConfigError, load_settings
from bot.texts.coordinators import LOG_FORMATS, NOT_A_GROUP
from bot.texts.startup import setting_missing, too_long

SECRET = "8f742231b10e8888abcd99a0b1c2d385"  # 32 characters, as Slack's
TOO_LONG = re.escape(too_long(NOTICE_NAME_MAX)) + "$"


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
        "PRAKTIK_ADMIN_GROUP",
        "PRAKTIK_LOG_FORMAT",
        "PRAKTIK_CONTROLLER",
        "PRAKTIK_HOSTING",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(str(tmp_path))  # no stray .env


def test_missing_setting_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    with pytest.raises(ConfigError, match="SLACK_SIGNING_SECRET mangler"):
        load_settings()


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("PORT", "tre tusind", "PORT er ugyldig: skal være et helt tal$"),
        ("PORT", "70000", "PORT er ugyldig: skal være højst 65535$"),
        ("PRAKTIK_YEAR", "1999", "PRAKTIK_YEAR er ugyldig: skal være mindst 2000$"),
        ("PRAKTIK_MANAGER_APPROVAL", "måske", "APPROVAL er ugyldig: skal være true eller false$"),
        ("PRAKTIK_ADMINS", "U1,bobby", "PRAKTIK_ADMINS er ugyldig: 'bobby' er ikke et Slack-b"),
        ("PRAKTIK_TZ", "Europe/Aarhus", "PRAKTIK_TZ er ugyldig: ukendt tidszone"),
        ("SLACK_API_URL", "slack.com", "SLACK_API_URL er ugyldig: skal begynde med http://"),
        ("DATABASE_URL", "postgres//db", "DATABASE_URL er ugyldig: ikke en database-URL"),
        ("DATABASE_URL", "postgresql://u@h:port/db", "DATABASE_URL er ugyldig: ikke en data"),
        ("DATABASE_URL", "mysql://u@h/db", "DATABASE_URL er ugyldig: mysql:// understøttes ikke"),
        ("DATABASE_URL", "postgresql+asyncpg://u@h/db", "DATABASE_URL er ugyldig: driveren"),
        ("DATABASE_URL", "sqlite:////no/such/folder/p.db", "mappen /no/such/folder til SQLite"),
        ("SLACK_BOT_TOKEN", "xoxp-123-456", "SLACK_BOT_TOKEN er ugyldig: et bot-token begynder"),
        ("SLACK_APP_TOKEN", "xoxb-123", "SLACK_APP_TOKEN er ugyldig: et app-token begynder"),
        ("SLACK_SIGNING_SECRET", "s", "SLACK_SIGNING_SECRET er ugyldig: ikke Slacks"),
        ("SLACK_SIGNING_SECRET", SECRET[:31], "SLACK_SIGNING_SECRET er ugyldig"),
        ("SLACK_SIGNING_SECRET", SECRET[:31] + " ", "SLACK_SIGNING_SECRET er ugyldig"),
        ("PRAKTIK_ADMIN_GROUP", "i COI", "_GROUP er ugyldig: " + re.escape(NOT_A_GROUP)),
        ("PRAKTIK_ADMIN_GROUP", "@", "PRAKTIK_ADMIN_GROUP er ugyldig: " + re.escape(NOT_A_GROUP)),
        ("PRAKTIK_LOG_FORMAT", "xml", "PRAKTIK_LOG_FORMAT er ugyldig: " + re.escape(LOG_FORMATS)),
        ("PRAKTIK_CONTROLLER", "COI " * 100, "PRAKTIK_CONTROLLER er ugyldig: " + TOO_LONG),
        ("PRAKTIK_HOSTING", "x" * 301, "PRAKTIK_HOSTING er ugyldig: " + TOO_LONG),
    ],
)
def test_malformed_setting_names_it(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    """Each names the setting and what is wrong, in Danish, and never repeats a secret's
    value (pydantic's own English reasons, such as a port that is no number, included)."""
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=expected) as refused:
        load_settings()
    assert "\n" not in str(refused.value)
    assert str(refused.value).startswith("Konfigurationsfejl: ")
    for english in ("Input should", "must", "is not", "malformed", "value error"):
        assert english not in str(refused.value)
    if ("TOKEN" in name or "SECRET" in name) and len(value) > 3:
        assert value.strip() not in str(refused.value)


def test_admins_are_split_on_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
    monkeypatch.setenv("PRAKTIK_ADMINS", "U01, W02 ,")
    settings = load_settings()
    assert settings.praktik_admins == {"U01", "W02"}


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
    assert err.strip() == setting_missing("SLACK_BOT_TOKEN")


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("praktik-koordinatorer", "praktik-koordinatorer"),
        ("@praktik-koordinatorer", "praktik-koordinatorer"),
        (" @Praktik.Koordinatorer ", "praktik.koordinatorer"),
        ("S0123ABC", "S0123ABC"),
        ("", None),
    ],
)
def test_the_admin_group_is_a_handle_or_an_id(
    monkeypatch: pytest.MonkeyPatch, given: str, kept: str | None
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
    monkeypatch.setenv("PRAKTIK_ADMIN_GROUP", given)
    monkeypatch.setenv("PRAKTIK_LOG_FORMAT", "JSON")
    settings = load_settings()
    assert settings.praktik_admin_group == kept
    assert settings.praktik_log_format == "json"

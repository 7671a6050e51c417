"""Runtime configuration from the environment and an optional .env file."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.domain.retention import DEFAULT_MONTHS
from bot.texts import coordinators as groups
from bot.texts import startup as t
from models.db import normalise_url

DEFAULT_DATABASE_URL = "sqlite:///praktik.db"

# Slack's signing secrets are 32 hexadecimal characters (Basic Information of the app).
# Anything shorter is something else pasted by mistake, or a test value: a secret that
# short would make every request's signature easy to forge.
SIGNING_SECRET = re.compile(r"[0-9A-Za-z]{32,}")
# A user group's ID (S…), or its handle as Slack allows it: lower-case letters, digits,
# hyphens, periods and underscores (the @ of a mention is allowed and dropped).
GROUP_ID = re.compile(r"S[0-9A-Z]{2,}")
GROUP_HANDLE = re.compile(r"[a-z0-9._-]{1,80}")
NOTICE_NAME_MAX = 300  # a line of the privacy notice: a name and an address, not a text
DRIVERS = {"postgresql": {"psycopg"}, "sqlite": {"pysqlite"}}


def database_url_problem(url: str) -> str | None:
    """Why the app cannot use this database URL, or None. Shared by every command."""
    try:
        parsed = make_url(normalise_url(url))
    except (ArgumentError, ValueError):
        return t.NOT_A_DATABASE_URL
    backend = parsed.get_backend_name()
    if backend not in DRIVERS:
        return t.unsupported_database(backend)
    if parsed.get_driver_name() not in DRIVERS[backend]:
        return t.driver_missing(parsed.drivername, backend)
    if backend == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database or "").expanduser().resolve().parent
        if not folder.is_dir():
            return t.sqlite_folder_missing(str(folder))
    return None


class Settings(BaseSettings):
    """Every setting of the runtime contract (docs/product.md); names are the environment names."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    slack_bot_token: SecretStr
    slack_signing_secret: SecretStr
    slack_app_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    database_url: str = DEFAULT_DATABASE_URL
    praktik_admins: Annotated[frozenset[str], NoDecode] = frozenset()
    praktik_admin_group: str | None = None
    praktik_log_format: Literal["text", "json"] = "text"
    praktik_tz: str = "Europe/Copenhagen"
    praktik_year: int | None = Field(default=None, ge=2000, le=2100)
    praktik_manager_approval: bool = False
    port: int = Field(default=3000, ge=1, le=65535)
    praktik_workers: int = Field(default=1, ge=1, le=64)
    # Months after a season's evaluation deadline that its personal data is kept
    # (bot.domain.retention: 12 keeps last year's participants for the next season's invitations).
    praktik_retention_months: int = Field(default=DEFAULT_MONTHS, ge=1, le=120)
    # Named in the privacy notice (`/praktik privatliv`): who is responsible for the data and
    # how to reach them (the data protection officer), and who runs the server and database.
    praktik_controller: str = ""
    praktik_hosting: str = ""
    # GET /metrics (both modes); off only to measure what the metrics cost (bench/load.py).
    praktik_metrics: bool = True
    # `praktik socket` takes no HTTP requests: /healthz and /metrics get a port of their own.
    praktik_metrics_port: int = Field(default=9464, ge=1, le=65535)

    @field_validator("praktik_admins", mode="before")
    @classmethod
    def _split_admins(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("praktik_admins")
    @classmethod
    def _admins_look_like_user_ids(cls, value: frozenset[str]) -> frozenset[str]:
        for user_id in value:
            if not user_id.isalnum() or user_id[0] not in "UW":
                raise ValueError(t.not_a_user_id(user_id))
        return value

    @field_validator("praktik_admin_group", mode="before")
    @classmethod
    def _group_handle_or_id(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        given = value.strip()
        if not given:
            return None
        if GROUP_ID.fullmatch(given):
            return given
        handle = given.removeprefix("@").lower()  # Slack keeps handles in lower case
        if not GROUP_HANDLE.fullmatch(handle):
            raise ValueError(groups.NOT_A_GROUP)
        return handle

    @field_validator("praktik_log_format", mode="before")
    @classmethod
    def _known_log_format(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip().lower()
            if value not in ("text", "json"):
                raise ValueError(groups.LOG_FORMATS)
        return value

    @field_validator("praktik_tz")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(t.unknown_time_zone(value)) from error
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _api_url_is_http(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError(t.API_URL_SCHEME)
        return value if value.endswith("/") else value + "/"

    @field_validator("database_url")
    @classmethod
    def _usable_database(cls, value: str) -> str:
        problem = database_url_problem(value)
        if problem is not None:
            raise ValueError(problem)
        return value

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token_shape(cls, value: SecretStr) -> SecretStr:
        if not value.get_secret_value().startswith("xoxb-"):
            raise ValueError(t.XOXB_EXPECTED)
        return value

    @field_validator("praktik_controller", "praktik_hosting")
    @classmethod
    def _notice_line(cls, value: str) -> str:
        given = " ".join(value.split())  # one line, as the notice shows it
        if len(given) > NOTICE_NAME_MAX:
            raise ValueError(t.too_long(NOTICE_NAME_MAX))
        return given

    @field_validator("slack_app_token")
    @classmethod
    def _app_token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xapp-"):
            raise ValueError(t.XAPP_EXPECTED)
        return value

    @field_validator("slack_signing_secret")
    @classmethod
    def _signing_secret_shape(cls, value: SecretStr) -> SecretStr:
        if not SIGNING_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError(t.SIGNING_SHAPE)
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.praktik_tz)


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line naming it."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise ConfigError(describe(error)) from None


def describe(error: ValidationError) -> str:
    """One Danish line naming the first setting that cannot work, and why."""
    first = error.errors()[0]
    name = str(first["loc"][0]).upper() if first["loc"] else "konfigurationen"
    if first["type"] == "missing":
        return t.setting_missing(name)
    return t.setting_malformed(name, _reason(first["type"], first))


def _reason(kind: str, detail: Mapping[str, Any]) -> str:
    """Our validators' reasons are Danish already; pydantic's own (a port that is no
    number) are English, so they are said again from their type."""
    context = detail.get("ctx") or {}
    if kind == "value_error":
        return str(context.get("error", "")) or t.BAD_VALUE
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return t.NOT_A_WHOLE_NUMBER
    if kind in ("bool_parsing", "bool_type"):
        return t.NOT_TRUE_OR_FALSE
    if kind in ("greater_than_equal", "greater_than"):
        return t.at_least(context.get("ge", context.get("gt")))
    if kind in ("less_than_equal", "less_than"):
        return t.at_most(context.get("le", context.get("lt")))
    return t.BAD_VALUE

"""Runtime configuration from the environment and an optional .env file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from models.db import normalise_url

DEFAULT_DATABASE_URL = "sqlite:///praktik.db"

# Slack's signing secrets are 32 hexadecimal characters (Basic Information of the app).
# Anything shorter is something else pasted by mistake, or a test value: a secret that
# short would make every request's signature easy to forge.
SIGNING_SECRET = re.compile(r"[0-9A-Za-z]{32,}")
DRIVERS = {"postgresql": {"psycopg"}, "sqlite": {"pysqlite"}}


def database_url_problem(url: str) -> str | None:
    """Why the app cannot use this database URL, or None. Shared by every command."""
    try:
        parsed = make_url(normalise_url(url))
    except (ArgumentError, ValueError):
        return "not a database URL (e.g. postgresql://user@host/db or sqlite:///praktik.db)"
    backend = parsed.get_backend_name()
    if backend not in DRIVERS:
        return f"{backend}:// is not supported (use postgresql://… or sqlite:///…)"
    if parsed.get_driver_name() not in DRIVERS[backend]:
        return f"the driver {parsed.drivername} is not installed (use {backend}://…)"
    if backend == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database or "").expanduser().resolve().parent
        if not folder.is_dir():
            return f"the folder {folder} of the SQLite file does not exist"
    return None


class Settings(BaseSettings):
    """Every setting of PRODUCT.md's runtime contract; names are the environment names."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    slack_bot_token: SecretStr
    slack_signing_secret: SecretStr
    slack_app_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    database_url: str = DEFAULT_DATABASE_URL
    praktik_admins: Annotated[frozenset[str], NoDecode] = frozenset()
    praktik_tz: str = "Europe/Copenhagen"
    praktik_year: int | None = Field(default=None, ge=2000, le=2100)
    praktik_manager_approval: bool = False
    port: int = Field(default=3000, ge=1, le=65535)
    praktik_workers: int = Field(default=1, ge=1, le=64)

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
                raise ValueError(f"'{user_id}' is not a Slack user ID (U… or W…)")
        return value

    @field_validator("praktik_tz")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"unknown time zone '{value}'") from error
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _api_url_is_http(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
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
            raise ValueError("a bot token starts with xoxb- (OAuth & Permissions)")
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _app_token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not value.get_secret_value().startswith("xapp-"):
            raise ValueError("an app-level token starts with xapp- (Basic Information)")
        return value

    @field_validator("slack_signing_secret")
    @classmethod
    def _signing_secret_shape(cls, value: SecretStr) -> SecretStr:
        if not SIGNING_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError(
                "not Slack's signing secret (32 letters and digits, Basic Information)"
            )
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.praktik_tz)

    def is_admin(self, user_id: str) -> bool:
        return user_id in self.praktik_admins


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line naming it."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise ConfigError(describe(error)) from None


def describe(error: ValidationError) -> str:
    first = error.errors()[0]
    name = str(first["loc"][0]).upper() if first["loc"] else "configuration"
    if first["type"] == "missing":
        return f"Configuration error: {name} is missing (set it in the environment or .env)"
    reason = str(first["msg"]).removeprefix("Value error, ")
    return f"Configuration error: {name} is malformed: {reason}"

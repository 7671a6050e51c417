"""Runtime configuration from the environment and an optional .env file."""

from __future__ import annotations

from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///praktik.db"


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

"""What Slack's refusal of a message means for trying it again.

Three answers, from Slack's documentation of chat.postMessage and of the Web API's errors:

- permanent: the recipient cannot receive it or Slack refuses the message itself; no retry
  can mend it, so it is failed at once and shown to the coordinators;
- transient: Slack is away or busy (429, 5xx, its own `internal_error`/`fatal_error`/
  `service_unavailable`/`request_timeout`, a timeout or refused connection); the same
  message goes through once Slack is back, so waiting uses up nothing;
- other: anything else (a revoked or wrong token, a missing scope, an error no document
  lists): retried a few times, since an operator may mend it, then failed.
"""

from __future__ import annotations

from enum import StrEnum

# The recipient cannot receive, or the message can never be posted as it is. Posting to a
# user ID that Slack does not know (or no longer, deactivated) answers `channel_not_found`,
# which the senders report as `user_not_found`.
PERMANENT_ERRORS = frozenset(
    {
        "user_not_found",
        "channel_not_found",
        "user_disabled",
        "cannot_dm_bot",
        "is_archived",
        "messages_tab_disabled",
        "invalid_blocks",
        "invalid_blocks_format",
        "invalid_metadata_format",
        "invalid_metadata_schema",
        "metadata_too_large",
        "msg_too_long",
        "no_text",
        "too_many_attachments",
    }
)

# "Not now" rather than "never": Slack says so, or documents it as a passing state.
TRANSIENT_ERRORS = frozenset(
    {
        "ratelimited",
        "rate_limited",
        "internal_error",
        "fatal_error",
        "service_unavailable",
        "request_timeout",
        "team_added_to_org",
    }
)


class Verdict(StrEnum):
    PERMANENT = "permanent"
    TRANSIENT = "transient"
    OTHER = "other"


def verdict(error: str | None, status: int) -> Verdict:
    """Slack's answer `error` (None without one) with HTTP `status` (0: no answer at all, a
    timeout or a refused connection)."""
    if status == 0 or status == 429 or status >= 500 or error in TRANSIENT_ERRORS:
        return Verdict.TRANSIENT
    if error in PERMANENT_ERRORS:
        return Verdict.PERMANENT
    return Verdict.OTHER

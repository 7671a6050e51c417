"""Block Kit limits as Slack enforces them, as a pure validator.

Every function returns Slack-style error strings ("must be less than 3001 characters
[json-pointer:/blocks/0/text/text]"); an empty list means Slack would accept the payload.
The fake Slack refuses what this module flags, so a view that would break in production
breaks in the tests first. The length/count messages copy Slack's wording; the rest are
close paraphrases (Slack does not document them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_MESSAGE_TEXT = 40_000
MAX_SECTION_TEXT = 3000
MAX_SECTION_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_ID = 255
MAX_URL = 3000
MAX_ACTIONS_ELEMENTS = 25
MAX_CONTEXT_ELEMENTS = 10
MAX_SELECT_OPTIONS = 100
MAX_OPTION_TEXT = 75
MAX_OPTION_VALUE = 150
MAX_CHOICE_OPTIONS = 10  # checkboxes and radio buttons
MAX_OVERFLOW_OPTIONS = 5
MAX_PLACEHOLDER = 150
MAX_VIEW_TITLE = 24
MAX_PRIVATE_METADATA = 3000
MAX_LABEL = 2000
MAX_INPUT_LENGTH = 3000
MAX_ALT_TEXT = 2000
MAX_MARKDOWN_BLOCK = 12_000

SELECTS = frozenset(
    {
        "static_select",
        "external_select",
        "users_select",
        "conversations_select",
        "channels_select",
        "multi_static_select",
        "multi_external_select",
        "multi_users_select",
        "multi_conversations_select",
        "multi_channels_select",
    }
)
CHOICES = frozenset({"checkboxes", "radio_buttons"})
TEXT_INPUTS = frozenset(
    {"plain_text_input", "number_input", "email_text_input", "url_text_input", "rich_text_input"}
)
PICKERS = frozenset({"datepicker", "timepicker", "datetimepicker"})
INPUT_ELEMENTS = SELECTS | CHOICES | TEXT_INPUTS | PICKERS | {"file_input"}
ACTION_ELEMENTS = SELECTS | CHOICES | PICKERS | {"button", "overflow", "workflow_button"}
ACCESSORY_ELEMENTS = ACTION_ELEMENTS | {"image"}
INTERACTIVE_ELEMENTS = INPUT_ELEMENTS | ACTION_ELEMENTS
KNOWN_BLOCKS = frozenset(
    {
        "section",
        "header",
        "divider",
        "context",
        "actions",
        "input",
        "image",
        "rich_text",
        "markdown",
        "file",
        "video",
        "table",
    }
)
TEXT_TYPES = frozenset({"plain_text", "mrkdwn"})


def validate_message(*, text: str | None, blocks: Sequence[Any] | None) -> list[str]:
    """Errors for chat.postMessage/chat.update/chat.postEphemeral/response_url bodies."""
    check = _Checker()
    if text is not None:
        check.string(text, "/text", max_len=MAX_MESSAGE_TEXT)
    if blocks is not None:
        check.blocks(blocks, "/blocks", max_blocks=MAX_MESSAGE_BLOCKS)
    return check.errors


def validate_blocks(
    blocks: Any, *, pointer: str = "/blocks", max_blocks: int = MAX_MESSAGE_BLOCKS
) -> list[str]:
    check = _Checker()
    check.blocks(blocks, pointer, max_blocks=max_blocks)
    return check.errors


def validate_view(view: Any, *, pointer: str = "/view") -> list[str]:
    """Errors for views.open/update/push/publish and for `response_action` views."""
    check = _Checker()
    if not isinstance(view, Mapping):
        check.err("must provide an object", pointer)
        return check.errors
    kind = view.get("type")
    if kind not in ("modal", "home"):
        check.err("must be a valid enum value", f"{pointer}/type")
    if kind == "modal":
        check.text(view.get("title"), f"{pointer}/title", max_len=MAX_VIEW_TITLE, plain=True)
    for key in ("submit", "close"):
        if view.get(key) is not None:
            check.text(view[key], f"{pointer}/{key}", max_len=MAX_VIEW_TITLE, plain=True)
    check.string(view.get("private_metadata"), f"{pointer}/private_metadata", MAX_PRIVATE_METADATA)
    check.string(view.get("callback_id"), f"{pointer}/callback_id", MAX_ID)
    check.string(view.get("external_id"), f"{pointer}/external_id", MAX_ID)
    blocks = view.get("blocks")
    check.blocks(blocks, f"{pointer}/blocks", max_blocks=MAX_VIEW_BLOCKS)
    has_inputs = isinstance(blocks, list) and any(
        isinstance(b, Mapping) and b.get("type") == "input" for b in blocks
    )
    if kind == "modal" and has_inputs and view.get("submit") is None:
        check.err("must provide submit when the view has input blocks", f"{pointer}/submit")
    return check.errors


class _Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def err(self, message: str, pointer: str) -> None:
        self.errors.append(f"{message} [json-pointer:{pointer}]")

    # --- primitives -------------------------------------------------------------------

    def string(self, value: Any, pointer: str, max_len: int, *, required: bool = False) -> None:
        if value is None:
            if required:
                self.err("must provide a string", pointer)
            return
        if not isinstance(value, str):
            self.err("must provide a string", pointer)
            return
        if required and not value:
            self.err("must be more than 0 characters", pointer)
        if len(value) > max_len:
            self.err(f"must be less than {max_len + 1} characters", pointer)

    def items(self, value: Any, pointer: str, *, max_items: int, min_items: int = 0) -> list[Any]:
        if value is None and min_items == 0:
            return []
        if not isinstance(value, list):
            self.err("must provide an array", pointer)
            return []
        if len(value) > max_items:
            self.err(f"must be less than {max_items + 1} items", pointer)
        if len(value) < min_items:
            self.err(f"must be more than {min_items - 1} items", pointer)
        return value

    def text(
        self, obj: Any, pointer: str, *, max_len: int, plain: bool = False, required: bool = True
    ) -> None:
        if obj is None:
            if required:
                self.err("must provide an object", pointer)
            return
        if not isinstance(obj, Mapping):
            self.err("must provide an object", pointer)
            return
        kind = obj.get("type")
        if kind not in TEXT_TYPES or (plain and kind != "plain_text"):
            self.err("must be a valid enum value", f"{pointer}/type")
        self.string(obj.get("text"), f"{pointer}/text", max_len, required=True)

    # --- blocks -----------------------------------------------------------------------

    def blocks(self, blocks: Any, pointer: str, *, max_blocks: int) -> None:
        seen: dict[str, int] = {}
        for index, block in enumerate(self.items(blocks, pointer, max_items=max_blocks)):
            here = f"{pointer}/{index}"
            if not isinstance(block, Mapping):
                self.err("must provide an object", here)
                continue
            block_id = block.get("block_id")
            if block_id is not None:
                self.string(block_id, f"{here}/block_id", MAX_ID, required=True)
                if isinstance(block_id, str):
                    if block_id in seen:
                        self.err(f"duplicate block_id '{block_id}'", f"{here}/block_id")
                    seen[block_id] = index
            self.block(block, here)

    def block(self, block: Mapping[str, Any], here: str) -> None:
        kind = block.get("type")
        if kind not in KNOWN_BLOCKS:
            self.err("failed to match all allowed schemas", here)
            return
        if kind == "section":
            self.section(block, here)
        elif kind == "header":
            self.text(block.get("text"), f"{here}/text", max_len=MAX_HEADER_TEXT, plain=True)
        elif kind == "context":
            elements = self.items(
                block.get("elements"),
                f"{here}/elements",
                max_items=MAX_CONTEXT_ELEMENTS,
                min_items=1,
            )
            for i, element in enumerate(elements):
                at = f"{here}/elements/{i}"
                if isinstance(element, Mapping) and element.get("type") == "image":
                    self.element(element, at)
                else:
                    self.text(element, at, max_len=MAX_SECTION_TEXT)
        elif kind == "actions":
            elements = self.items(
                block.get("elements"),
                f"{here}/elements",
                max_items=MAX_ACTIONS_ELEMENTS,
                min_items=1,
            )
            self.elements(elements, f"{here}/elements", allowed=ACTION_ELEMENTS)
        elif kind == "input":
            self.text(block.get("label"), f"{here}/label", max_len=MAX_LABEL, plain=True)
            self.text(
                block.get("hint"), f"{here}/hint", max_len=MAX_LABEL, plain=True, required=False
            )
            element = block.get("element")
            if not isinstance(element, Mapping):
                self.err("must provide an object", f"{here}/element")
            else:
                self.elements([element], f"{here}/element", allowed=INPUT_ELEMENTS, single=True)
        elif kind == "image":
            self.string(block.get("image_url"), f"{here}/image_url", MAX_URL)
            self.string(block.get("alt_text"), f"{here}/alt_text", MAX_ALT_TEXT, required=True)
            self.text(
                block.get("title"), f"{here}/title", max_len=MAX_LABEL, plain=True, required=False
            )
        elif kind == "markdown":
            self.string(block.get("text"), f"{here}/text", MAX_MARKDOWN_BLOCK, required=True)

    def section(self, block: Mapping[str, Any], here: str) -> None:
        text = block.get("text")
        fields = block.get("fields")
        if text is None and fields is None:
            self.err("must provide either text or fields", here)
        if text is not None:
            self.text(text, f"{here}/text", max_len=MAX_SECTION_TEXT)
        for i, field in enumerate(
            self.items(fields, f"{here}/fields", max_items=MAX_SECTION_FIELDS)
        ):
            self.text(field, f"{here}/fields/{i}", max_len=MAX_FIELD_TEXT)
        accessory = block.get("accessory")
        if accessory is not None:
            self.elements([accessory], f"{here}/accessory", allowed=ACCESSORY_ELEMENTS, single=True)

    # --- elements ---------------------------------------------------------------------

    def elements(
        self,
        elements: Sequence[Any],
        pointer: str,
        *,
        allowed: frozenset[str],
        single: bool = False,
    ) -> None:
        action_ids: set[str] = set()
        for i, element in enumerate(elements):
            at = pointer if single else f"{pointer}/{i}"
            if not isinstance(element, Mapping) or element.get("type") not in allowed:
                self.err("failed to match all allowed schemas", at)
                continue
            action_id = element.get("action_id")
            if isinstance(action_id, str):
                if action_id in action_ids:
                    self.err(f"duplicate action_id '{action_id}'", f"{at}/action_id")
                action_ids.add(action_id)
            self.element(element, at)

    def element(self, element: Mapping[str, Any], at: str) -> None:
        kind = element.get("type")
        if kind in INTERACTIVE_ELEMENTS:
            self.string(element.get("action_id"), f"{at}/action_id", MAX_ID)
        if "placeholder" in element:
            self.text(
                element["placeholder"], f"{at}/placeholder", max_len=MAX_PLACEHOLDER, plain=True
            )
        if "confirm" in element:
            self.confirm(element["confirm"], f"{at}/confirm")
        if kind == "button":
            self.text(element.get("text"), f"{at}/text", max_len=MAX_BUTTON_TEXT, plain=True)
            self.string(element.get("value"), f"{at}/value", MAX_BUTTON_VALUE)
            self.string(element.get("url"), f"{at}/url", MAX_URL)
            if element.get("style") not in (None, "primary", "danger"):
                self.err("must be a valid enum value", f"{at}/style")
        elif kind == "image":
            self.string(element.get("image_url"), f"{at}/image_url", MAX_URL)
            self.string(element.get("alt_text"), f"{at}/alt_text", MAX_ALT_TEXT, required=True)
        elif kind in ("static_select", "multi_static_select"):
            if element.get("options") is None and element.get("option_groups") is None:
                self.err("must provide either options or option_groups", at)
            self.options(element.get("options"), f"{at}/options", max_items=MAX_SELECT_OPTIONS)
            groups = self.items(
                element.get("option_groups"), f"{at}/option_groups", max_items=MAX_SELECT_OPTIONS
            )
            for g, group in enumerate(groups):
                here = f"{at}/option_groups/{g}"
                if not isinstance(group, Mapping):
                    self.err("must provide an object", here)
                    continue
                self.text(group.get("label"), f"{here}/label", max_len=MAX_OPTION_TEXT, plain=True)
                self.options(group.get("options"), f"{here}/options", max_items=MAX_SELECT_OPTIONS)
        elif kind == "overflow":
            self.options(
                element.get("options"),
                f"{at}/options",
                max_items=MAX_OVERFLOW_OPTIONS,
                min_items=1,
            )
        elif kind in CHOICES:
            self.options(
                element.get("options"),
                f"{at}/options",
                max_items=MAX_CHOICE_OPTIONS,
                min_items=1,
                mrkdwn_ok=True,
            )
        elif kind == "plain_text_input":
            for key in ("max_length", "min_length"):
                value = element.get(key)
                if value is not None and (
                    not isinstance(value, int) or not 0 <= value <= MAX_INPUT_LENGTH
                ):
                    self.err(f"must be less than {MAX_INPUT_LENGTH + 1}", f"{at}/{key}")
            self.string(element.get("initial_value"), f"{at}/initial_value", MAX_INPUT_LENGTH)
        elif kind == "number_input" and not isinstance(element.get("is_decimal_allowed"), bool):
            self.err("must provide a boolean", f"{at}/is_decimal_allowed")

    def options(
        self,
        options: Any,
        pointer: str,
        *,
        max_items: int,
        min_items: int = 0,
        mrkdwn_ok: bool = False,
    ) -> None:
        for i, option in enumerate(
            self.items(options, pointer, max_items=max_items, min_items=min_items)
        ):
            here = f"{pointer}/{i}"
            if not isinstance(option, Mapping):
                self.err("must provide an object", here)
                continue
            self.text(
                option.get("text"), f"{here}/text", max_len=MAX_OPTION_TEXT, plain=not mrkdwn_ok
            )
            self.string(option.get("value"), f"{here}/value", MAX_OPTION_VALUE, required=True)
            self.text(
                option.get("description"),
                f"{here}/description",
                max_len=MAX_OPTION_TEXT,
                plain=not mrkdwn_ok,
                required=False,
            )

    def confirm(self, confirm: Any, pointer: str) -> None:
        if not isinstance(confirm, Mapping):
            self.err("must provide an object", pointer)
            return
        self.text(confirm.get("title"), f"{pointer}/title", max_len=100, plain=True)
        self.text(confirm.get("text"), f"{pointer}/text", max_len=300)
        self.text(confirm.get("confirm"), f"{pointer}/confirm", max_len=30, plain=True)
        self.text(confirm.get("deny"), f"{pointer}/deny", max_len=30, plain=True)

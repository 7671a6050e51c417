"""Block Kit as readable console text, with numbers a person can act on.

Pure functions: blocks (or a message, modal or home view) in, `Rendered` out — the text and
a mapping from each number shown ("[2] Afslå", "[3] Kommune …") to the element behind it,
so a console can turn "press 2" or "fill 3 Odense" into a gesture.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from bot.sandbox.block_state import option_text, options_of, state_values
from bot.sandbox.fake_slack import Message
from bot.texts import sandbox_confirm as confirm_say

Kind = Literal["button", "input", "select"]
_RULE = "─" * 40
_LINK = re.compile(r"<([^<>]+)>")
_BOLD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"(?<![\w~])~(?=\S)([^~\n]+?)(?<=\S)~(?![\w~])")
_DIM, _BOLD_ON, _RESET = "\x1b[2m", "\x1b[1m", "\x1b[0m"
_STYLE_COLOUR = {"primary": "\x1b[32m", "danger": "\x1b[31m"}
_BUTTON_KINDS = frozenset({"button", "workflow_button"})


class Target(NamedTuple):
    """What a number on screen stands for."""

    kind: Kind  # button: press it; input: fill it (modal); select: choose in it
    action_id: str
    block_id: str
    label: str
    element_type: str
    value: str | None = None  # a button's value


@dataclass(frozen=True)
class Rendered:
    text: str
    targets: dict[int, Target]


def mrkdwn(text: str, *, names: Mapping[str, str] | None = None, strip: bool = False) -> str:
    """Slack mrkdwn as plain text: links and mentions spelled out, entities decoded.

    *bold*, _italic_ and ~strike~ keep their markers unless `strip` is set.
    """
    names = names or {}

    def link(match: re.Match[str]) -> str:
        inner = match.group(1)
        target, _, label = inner.partition("|")
        if target.startswith("@"):
            return "@" + names.get(target[1:], label or target[1:])
        if target.startswith("#"):
            return "#" + (label or names.get(target[1:], target[1:]))
        if target.startswith("!"):
            if target.startswith(("!date", "!subteam")):
                return label or target[1:]
            return "@" + target[1:]
        return f"{label} ({target})" if label and label != target else target

    text = _LINK.sub(link, text).replace("\u200b", "")
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    if strip:
        for pattern in (_BOLD, _ITALIC, _STRIKE):
            text = pattern.sub(r"\1", text)
    return text


def render_message(
    message: Message | Mapping[str, Any],
    *,
    start: int = 1,
    ansi: bool = False,
    names: Mapping[str, str] | None = None,
) -> Rendered:
    """A message: its blocks, or its text when it has none, then any files."""
    if isinstance(message, Message):
        text, blocks = message.text, message.blocks
        files = [f"{f.name} ({f.size} bytes)" for f in message.files]
    else:
        text, blocks = str(message.get("text", "")), list(message.get("blocks") or [])
        files = [str(f.get("name")) for f in message.get("files") or []]
    if blocks:
        rendered = render_blocks(blocks, start=start, ansi=ansi, names=names)
    else:
        rendered = Rendered(mrkdwn(text, names=names), {})
    lines = [rendered.text] if rendered.text else []
    lines += [f"📎 {name}" for name in files]
    return Rendered("\n".join(lines), rendered.targets)


def render_view(
    view: Mapping[str, Any],
    *,
    errors: Mapping[str, str] | None = None,
    start: int = 1,
    ansi: bool = False,
    names: Mapping[str, str] | None = None,
) -> Rendered:
    """A modal (title, blocks with current values, submit/close) or a home tab."""
    touched = (view.get("state") or {}).get("values") or {}
    body = render_blocks(
        list(view.get("blocks") or []),
        state=state_values(list(view.get("blocks") or []), touched),
        errors=errors,
        start=start,
        ansi=ansi,
        names=names,
    )
    if view.get("type") == "home":
        return Rendered("\n".join(["══ App Home ══", body.text]), body.targets)
    title = _plain(view.get("title"))
    footer = [f"{key}: {_plain(view[key])}" for key in ("submit", "close") if view.get(key)]
    lines = [f"══ {title} ══", body.text, "  ·  ".join(f"({part})" for part in footer)]
    return Rendered("\n".join(line for line in lines if line), body.targets)


def render_blocks(
    blocks: Sequence[Mapping[str, Any]],
    *,
    state: Mapping[str, Mapping[str, Any]] | None = None,
    errors: Mapping[str, str] | None = None,
    start: int = 1,
    ansi: bool = False,
    names: Mapping[str, str] | None = None,
) -> Rendered:
    painter = _Painter(state or {}, errors or {}, start, ansi, names or {})
    for block in blocks:
        painter.block(block)
    return Rendered("\n".join(painter.lines).rstrip(), painter.targets)


def _plain(text_object: Any) -> str:
    return str(text_object.get("text", "")) if isinstance(text_object, Mapping) else ""


class _Painter:
    def __init__(
        self,
        state: Mapping[str, Mapping[str, Any]],
        errors: Mapping[str, str],
        start: int,
        ansi: bool,
        names: Mapping[str, str],
    ) -> None:
        self.state = state
        self.errors = errors
        self.next = start
        self.ansi = ansi
        self.names = names
        self.lines: list[str] = []
        self.targets: dict[int, Target] = {}

    # --- text ---------------------------------------------------------------------------

    def text(self, obj: Any) -> str:
        if not isinstance(obj, Mapping):
            return ""
        raw = str(obj.get("text", ""))
        if obj.get("type") != "mrkdwn":
            return raw
        shown = mrkdwn(raw, names=self.names)
        if self.ansi:
            shown = _BOLD.sub(lambda m: f"{_BOLD_ON}{m.group(1)}{_RESET}", shown)
        return shown

    def dim(self, line: str) -> str:
        return f"{_DIM}{line}{_RESET}" if self.ansi else line

    def number(self, target: Target) -> int:
        number = self.next
        self.targets[number] = target
        self.next += 1
        return number

    # --- blocks -------------------------------------------------------------------------

    def block(self, block: Mapping[str, Any]) -> None:
        kind = block.get("type")
        if kind == "header":
            title = _plain(block.get("text"))
            self.lines += [_BOLD_ON + title + _RESET if self.ansi else title, "═" * len(title)]
        elif kind == "section":
            self.section(block)
        elif kind == "divider":
            self.lines.append(_RULE)
        elif kind == "context":
            parts = [
                f"[{e.get('alt_text', 'image')}]" if e.get("type") == "image" else self.text(e)
                for e in block.get("elements") or []
            ]
            self.lines.append(self.dim("  › " + "  ·  ".join(p for p in parts if p)))
        elif kind == "actions":
            shown = [self.element(block, e) for e in block.get("elements") or []]
            self.lines.append("  ".join(shown))
        elif kind == "input":
            self.input(block)
        elif kind == "image":
            self.lines.append(f"[image: {block.get('alt_text', '')}]")
        elif kind == "markdown":
            self.lines.append(mrkdwn(str(block.get("text", "")), names=self.names))
        elif kind == "rich_text":
            self.lines.append(_rich_text(block))
        else:
            self.lines.append(f"[{kind}]")

    def section(self, block: Mapping[str, Any]) -> None:
        if block.get("text"):
            self.lines.extend(self.text(block["text"]).split("\n"))
        # Fields are padded into columns, so no ANSI codes inside them.
        fields = [
            _field_line(
                mrkdwn(_plain(f), names=self.names) if f.get("type") == "mrkdwn" else _plain(f)
            )
            for f in block.get("fields") or []
            if isinstance(f, Mapping)
        ]
        if fields:
            self.lines.extend(_columns(fields))
        accessory = block.get("accessory")
        if isinstance(accessory, Mapping):
            if accessory.get("type") == "image":
                self.lines.append(f"  [image: {accessory.get('alt_text', '')}]")
            else:
                self.lines.append("  " + self.element(block, accessory))

    def element(self, block: Mapping[str, Any], element: Mapping[str, Any]) -> str:
        """One interactive element outside an input block: a button or a menu."""
        kind = str(element.get("type"))
        label = _plain(element.get("text") or element.get("placeholder")) or kind
        is_button = kind in _BUTTON_KINDS
        target = Target(
            "button" if is_button else "select",
            str(element.get("action_id", "")),
            str(block.get("block_id", "")),
            label,
            kind,
            element.get("value") if is_button else None,
        )
        number = self.number(target)
        if is_button:
            colour = _STYLE_COLOUR.get(str(element.get("style")))
            shown = f"{colour}{label}{_RESET}" if self.ansi and colour else label
            return f"[{number}] {shown}"
        choices = " / ".join(option_text(o) for o in options_of(element))
        current = _current(self.state, block, element)
        detail = f" = {current}" if current else (f" ({choices})" if choices else "")
        return f"[{number}] ▾ {label}{detail}"

    def input(self, block: Mapping[str, Any]) -> None:
        element = block.get("element")
        if not isinstance(element, Mapping):
            return
        kind = str(element.get("type"))
        label = _plain(block.get("label"))
        target = Target(
            "input", str(element.get("action_id", "")), str(block.get("block_id", "")), label, kind
        )
        number = self.number(target)
        optional = "" if not block.get("optional") else ", optional"
        current = _current(self.state, block, element) or "—"
        self.lines.append(f"[{number}] {label} ({kind}{optional}): {current}")
        chosen = set(_chosen_values(self.state, block, element))
        for option in options_of(element):
            mark = "x" if option.get("value") in chosen else " "
            self.lines.append(f"      [{mark}] {option_text(option)}  = {option.get('value')}")
        if block.get("hint"):
            self.lines.append(self.dim("      " + _plain(block["hint"])))
        error = self.errors.get(str(block.get("block_id")))
        if error:
            self.lines.append(f"      ! {error}")


def _entry(
    state: Mapping[str, Mapping[str, Any]], block: Mapping[str, Any], element: Mapping[str, Any]
) -> Mapping[str, Any]:
    entry = state.get(str(block.get("block_id")), {}).get(str(element.get("action_id")))
    return entry if isinstance(entry, Mapping) else {}


def _current(
    state: Mapping[str, Mapping[str, Any]], block: Mapping[str, Any], element: Mapping[str, Any]
) -> str:
    entry = _entry(state, block, element)
    for key, value in entry.items():
        if key == "type" or value in (None, [], ""):
            continue
        if key == "selected_option":
            return option_text(value)
        if key == "selected_options":
            return ", ".join(option_text(o) for o in value)
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(value)
    return ""


def _chosen_values(
    state: Mapping[str, Mapping[str, Any]], block: Mapping[str, Any], element: Mapping[str, Any]
) -> list[str]:
    entry = _entry(state, block, element)
    if entry.get("selected_option"):
        return [str(entry["selected_option"].get("value"))]
    return [str(o.get("value")) for o in entry.get("selected_options") or []]


def _field_line(text: str) -> str:
    """ "*Kommune*\\nOdense" reads as "Kommune: Odense"."""
    label, _, rest = text.partition("\n")
    if not rest:
        return text
    return f"{label.strip('*').strip()}: {' '.join(rest.split())}"


def _columns(items: list[str], width: int = 34) -> list[str]:
    if any(len(item) > width for item in items):
        return items
    pairs = [items[i : i + 2] for i in range(0, len(items), 2)]
    return [
        f"{pair[0]:<{width}}  {pair[1]}".rstrip() if len(pair) == 2 else pair[0] for pair in pairs
    ]


def _rich_text(node: Any) -> str:
    if isinstance(node, Mapping):
        if node.get("type") == "text":
            return str(node.get("text", ""))
        if node.get("type") == "link":
            return str(node.get("text") or node.get("url", ""))
        parts = [_rich_text(child) for child in node.get("elements") or []]
        joiner = "\n" if node.get("type") in ("rich_text", "rich_text_list") else ""
        return joiner.join(parts)
    return ""


def render_confirm(confirm: Mapping[str, Any], *, names: Mapping[str, str] | None = None) -> str:
    """A button's confirm object as Slack shows it before the press is sent: title, text and
    the two answers."""

    def text_of(part: Any) -> str:
        if isinstance(part, Mapping):
            raw = str(part.get("text") or "")
            return mrkdwn(raw, names=names) if part.get("type") == "mrkdwn" else raw
        return str(part or "")

    lines = [
        confirm_say.HEADING,
        text_of(confirm.get("title")),
        text_of(confirm.get("text")),
        confirm_say.answer_with(text_of(confirm.get("confirm")), text_of(confirm.get("deny"))),
    ]
    return "\n".join(line for line in lines if line)

"""A person in the local workspace: types commands, fills modals, presses buttons.

`Person` plays the Slack client: it sends what Slack would send for each gesture, applies
Slack's rules to the app's answers (ephemerals, `response_action`, the 3-second limit)
and waits until the app has finished reacting, so a test reads like a conversation:

    ws = Workspace(fake, app_url, secret, settle=inflight.idle)
    ida = ws.person("U0IDA", "ida", "Ida Holm")
    await ida.command("/praktik", "tilbyd")
    ida.fill("Arbejdsplads", "Odense Kommune")
    await ida.submit()
    await ida.press("Acceptér")
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from bot.sandbox.block_state import element_state, state_values
from bot.sandbox.fake_slack import (
    AppResponseError,
    FakeSlack,
    Message,
    Screen,
    StoredFile,
    SubmitAction,
)
from bot.sandbox.wire import (
    SLACK,
    Actor,
    Signing,
    SlackWire,
    WireResponse,
    action_entry,
    app_home_opened_envelope,
    block_actions_payload,
    team_join_envelope,
    view_closed_payload,
    view_submission_payload,
)
from bot.texts import sandbox as say

Where = Literal["modal", "home", "message", "ephemeral"]
REQUIRED = say.FIELD_REQUIRED  # the Slack client's own check, before any request


@dataclass(frozen=True)
class Surface:
    """Something on the user's screen that holds blocks."""

    kind: Where
    blocks: list[dict[str, Any]]
    seq: int
    message: Message | None = None
    view: dict[str, Any] | None = None


@dataclass(frozen=True)
class SubmitOutcome:
    # client_errors: the Slack client refused before sending; failed: the app's answer
    # was not a 200, so Slack shows its own error and keeps the modal.
    action: SubmitAction | Literal["client_errors", "failed"]
    errors: dict[str, str] = field(default_factory=dict)
    response: WireResponse | None = None


class Workspace:
    def __init__(
        self,
        fake: FakeSlack,
        app_url: str,
        signing_secret: str,
        *,
        settle: Callable[[], Awaitable[None]] | None = None,
        ack_timeout: float | Literal["slack"] | None = SLACK,
        quiet_period: float = 0.1,
        wire: SlackWire | None = None,
    ) -> None:
        self.fake = fake
        # Another wire (fake_socket_mode.SocketWire) sends the same gestures over Socket Mode.
        self.wire = wire or SlackWire(app_url, signing_secret, fake=fake, timeout=ack_timeout)
        self._settle = settle
        self.quiet_period = quiet_period
        self.people: dict[str, Person] = {}

    def person(
        self, user_id: str, name: str, real_name: str, title: str = "", *, email: str = ""
    ) -> Person:
        self.fake.add_user(user_id, name=name, real_name=real_name, title=title, email=email)
        person = Person(self, user_id, name, real_name, title)
        self.people[user_id] = person
        return person

    async def join(
        self, user_id: str, name: str, real_name: str, title: str = "", *, email: str = ""
    ) -> Person:
        """Someone new joins the workspace: Slack tells the app with team_join (over HTTP or
        Socket Mode, as the workspace's wire goes)."""
        person = self.person(user_id, name, real_name, title, email=email)
        await self.announce_join(user_id)
        return person

    async def announce_join(self, user_id: str) -> WireResponse:
        """Send team_join for a member of the fake workspace (again, for a repeat)."""
        envelope = team_join_envelope(user=self.fake.users[user_id].payload())
        res = await self.wire.event(envelope)
        await self.settle()
        return res

    async def settle(self) -> None:
        """Wait until the app has finished reacting to the last gesture."""
        if self._settle is not None:
            await self._settle()
        else:
            await self.fake.quiet(self.quiet_period)


class Person:
    def __init__(
        self, workspace: Workspace, user_id: str, name: str, real_name: str, title: str
    ) -> None:
        self.ws = workspace
        self.id = user_id
        self.name = name
        self.real_name = real_name
        self.title = title
        self.modal_errors: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"Person({self.id!r}, {self.real_name!r})"

    # --- what the person sees ---------------------------------------------------------

    @property
    def actor(self) -> Actor:
        return Actor(self.id, self.name)

    @property
    def screen(self) -> Screen:
        return self.ws.fake.screen(self.id)

    @property
    def dms(self) -> list[Message]:
        """Messages from the bot in the person's DM with it, latest last."""
        return [m for m in self.screen.dms if m.user == self.ws.fake.bot_user_id]

    @property
    def last_dm(self) -> Message | None:
        return self.dms[-1] if self.dms else None

    @property
    def ephemerals(self) -> list[Message]:
        return list(self.screen.ephemerals)

    @property
    def home(self) -> dict[str, Any] | None:
        return self.screen.home

    @property
    def files(self) -> list[StoredFile]:
        return list(self.screen.files)

    @property
    def modal(self) -> dict[str, Any] | None:
        return self.screen.modal

    def surfaces(self, where: Where | None = None) -> list[Surface]:
        """Everything with blocks on screen, most recently shown first."""
        screen = self.screen
        found: list[Surface] = []
        if screen.modal is not None:
            view = screen.modal
            found.append(Surface("modal", view["blocks"], screen.view_seq[view["id"]], view=view))
        if screen.home is not None:
            view = screen.home
            found.append(Surface("home", view["blocks"], screen.view_seq[view["id"]], view=view))
        found += [Surface("message", m.blocks, m.seq, message=m) for m in self.dms]
        found += [Surface("ephemeral", m.blocks, m.seq, message=m) for m in screen.ephemerals]
        found.sort(key=lambda s: s.seq, reverse=True)
        return [s for s in found if where is None or s.kind == where]

    # --- gestures ---------------------------------------------------------------------

    async def command(
        self,
        command: str,
        text: str = "",
        *,
        channel_id: str | None = None,
        signing: Signing | None = None,
    ) -> WireResponse:
        """Type a slash command. A 200 answer with text or blocks shows as an ephemeral."""
        fake = self.ws.fake
        channel = channel_id or fake.dm_channel(self.id)
        response_url = fake.new_response_url(self.id, channel)
        res = await self._send(
            self.ws.wire.slash_command(
                self.actor,
                command,
                text,
                channel_id=channel,
                trigger_id=fake.issue_trigger(self.id),
                response_url=response_url,
                signing=signing,
            )
        )
        if res.status == 200:
            fake.show_command_response(self.id, channel, res.body, response_url)
        await self.ws.settle()
        return res

    def fill(self, target: str, value: Any) -> None:
        """Set an input of the open modal, found by block_id, action_id or label.

        `value` by element: text for text inputs, a number for number_input, an option's
        value or visible text for selects/radios, a list of those for checkboxes and
        multi-selects, a user id (or list) for user selects, a date or "YYYY-MM-DD" for
        datepickers; None empties the input.
        """
        view = self._open_modal()
        block, element = _find_input(view["blocks"], target)
        entry = element_state(element, value)
        values = view["state"]["values"]
        values.setdefault(block["block_id"], {})[element["action_id"]] = entry
        self.modal_errors.pop(block["block_id"], None)

    async def submit(self, *, signing: Signing | None = None) -> SubmitOutcome:
        """Press the modal's submit button; Slack's response_action rules apply."""
        view = self._open_modal()
        client_errors = _client_side_errors(view)
        if client_errors:
            self.modal_errors = client_errors
            return SubmitOutcome("client_errors", client_errors)
        fake = self.ws.fake
        payload = view_submission_payload(
            actor=self.actor, view=view, trigger_id=fake.issue_trigger(self.id)
        )
        res = await self._send(self.ws.wire.interactive(payload, signing=signing))
        if res.status != 200:
            # Slack keeps the modal open with its own "trouble connecting" line.
            await self.ws.settle()
            return SubmitOutcome("failed", {}, res)
        action, errors = fake.apply_submission_response(self.id, res.body)
        self.modal_errors = errors
        await self.ws.settle()
        return SubmitOutcome(action, errors, res)

    async def close(self, *, signing: Signing | None = None) -> WireResponse | None:
        """Press the modal's close button; the app hears of it only with notify_on_close."""
        view = self._open_modal()
        self.screen.modals.pop()
        self.modal_errors = {}
        if not view.get("notify_on_close"):
            return None
        payload = view_closed_payload(actor=self.actor, view=view)
        res = await self._send(self.ws.wire.interactive(payload, signing=signing))
        await self.ws.settle()
        return res

    async def press(
        self,
        label_or_action_id: str,
        *,
        where: Where | None = None,
        value: str | None = None,
        block_id: str | None = None,
        signing: Signing | None = None,
    ) -> WireResponse:
        """Press the button on the most recently shown surface that has it.

        `value` or `block_id` pick one of several buttons with the same label (e.g. one
        *Anmod* per search result); otherwise the first from the top is pressed.
        """
        surface, block, element = self._find_element(
            label_or_action_id, where, value=value, block_id=block_id, buttons=True
        )
        return await self._act(surface, block, element, None, signing)

    async def choose(
        self,
        label_or_action_id: str,
        option: Any,
        *,
        where: Where | None = None,
        block_id: str | None = None,
        signing: Signing | None = None,
    ) -> WireResponse:
        """Pick a value in a select, checkbox group or picker outside an input block."""
        surface, block, element = self._find_element(
            label_or_action_id, where, block_id=block_id, buttons=False
        )
        if surface.view is not None:
            entry = element_state(element, option)
            values = surface.view["state"]["values"]
            values.setdefault(block["block_id"], {})[element["action_id"]] = entry
        return await self._act(surface, block, element, option, signing)

    async def open_home(self, *, signing: Signing | None = None) -> WireResponse:
        """Open the app's Home tab: Slack sends app_home_opened."""
        fake = self.ws.fake
        envelope = app_home_opened_envelope(
            user_id=self.id, channel_id=fake.dm_channel(self.id), view=self.home
        )
        res = await self._send(self.ws.wire.event(envelope, signing=signing))
        await self.ws.settle()
        return res

    # --- helpers ----------------------------------------------------------------------

    async def _act(
        self,
        surface: Surface,
        block: Mapping[str, Any],
        element: Mapping[str, Any],
        value: Any,
        signing: Signing | None,
    ) -> WireResponse:
        fake = self.ws.fake
        action = action_entry(str(block["block_id"]), element, value=value)
        response_url = None
        if surface.message is not None:
            response_url = fake.new_response_url(
                self.id, surface.message.channel, original=surface.message
            )
        payload = block_actions_payload(
            actor=self.actor,
            actions=[action],
            trigger_id=fake.issue_trigger(self.id),
            message=surface.message,
            view=surface.view,
            response_url=response_url,
        )
        res = await self._send(self.ws.wire.interactive(payload, signing=signing))
        await self.ws.settle()
        return res

    async def _send(self, request: Awaitable[WireResponse]) -> WireResponse:
        """Any HTTP answer comes back to the caller; no answer in time is an error."""
        try:
            return await request
        except TimeoutError:
            limit = self.ws.wire.timeout
            raise AppResponseError(f"the app did not answer within {limit} s") from None

    def _open_modal(self) -> dict[str, Any]:
        view = self.modal
        if view is None:
            raise LookupError(f"{self.real_name} has no modal open")
        return view

    def _find_element(
        self,
        key: str,
        where: Where | None,
        *,
        value: str | None = None,
        block_id: str | None = None,
        buttons: bool,
    ) -> tuple[Surface, dict[str, Any], dict[str, Any]]:
        wanted = key.strip().casefold()
        for surface in self.surfaces(where):
            for block in surface.blocks:
                if block_id is not None and block.get("block_id") != block_id:
                    continue
                for element in _interactive(block):
                    is_button = element.get("type") == "button"
                    if is_button != buttons:
                        continue
                    if value is not None and element.get("value") != value:
                        continue
                    names = {str(element.get("action_id", "")).casefold(), _label(block, element)}
                    if wanted in names:
                        return surface, block, element
        shown = [s.kind for s in self.surfaces(where)]
        raise LookupError(f"{self.real_name} sees no {key!r} (value={value!r}) on {shown}")


def _interactive(block: Mapping[str, Any]) -> list[dict[str, Any]]:
    found = [block[k] for k in ("accessory", "element") if isinstance(block.get(k), dict)]
    if block.get("type") == "actions":
        found.extend(e for e in block.get("elements", []) if isinstance(e, dict))
    return found


def _label(block: Mapping[str, Any], element: Mapping[str, Any]) -> str:
    if element.get("type") == "button":
        return str(element.get("text", {}).get("text", "")).strip().casefold()
    label = block.get("label") or element.get("placeholder") or {}
    return str(label.get("text", "")).strip().casefold()


def _find_input(blocks: list[dict[str, Any]], target: str) -> tuple[dict[str, Any], dict[str, Any]]:
    wanted = target.strip().casefold()
    for block in blocks:
        element = block.get("element")
        if block.get("type") != "input" or not isinstance(element, dict):
            continue
        label = str(block.get("label", {}).get("text", "")).strip().casefold()
        if target in (block.get("block_id"), element.get("action_id")) or wanted == label:
            return block, element
    labels = [b.get("label", {}).get("text") for b in blocks if b.get("type") == "input"]
    raise LookupError(f"no input {target!r} in the modal (inputs: {labels})")


def _client_side_errors(view: Mapping[str, Any]) -> dict[str, str]:
    """What the Slack client refuses before sending: empty required inputs, bad lengths."""
    blocks = view["blocks"]
    values = state_values(blocks, view["state"]["values"])
    errors: dict[str, str] = {}
    for block in blocks:
        element = block.get("element")
        if block.get("type") != "input" or not isinstance(element, dict):
            continue
        block_id = block["block_id"]
        entry = values.get(block_id, {}).get(element["action_id"], {})
        filled = [v for k, v in entry.items() if k != "type" and v not in (None, [], "")]
        if not filled:
            if not block.get("optional"):
                errors[block_id] = REQUIRED
            continue
        problem = _value_problem(element, entry)
        if problem:
            errors[block_id] = problem
    return errors


def _value_problem(element: Mapping[str, Any], entry: Mapping[str, Any]) -> str | None:
    kind = element.get("type")
    text = entry.get("value")
    if kind == "plain_text_input" and isinstance(text, str):
        if len(text) < int(element.get("min_length", 0)):
            return say.at_least_characters(element["min_length"])
        if len(text) > int(element.get("max_length", 3000)):
            return say.at_most_characters(element.get("max_length", 3000))
    if kind == "number_input" and isinstance(text, str):
        try:
            number = Decimal(text)
        except InvalidOperation:
            return say.ENTER_NUMBER
        if not element.get("is_decimal_allowed") and number != number.to_integral_value():
            return say.ENTER_WHOLE_NUMBER
        low, high = element.get("min_value"), element.get("max_value")
        if low is not None and number < Decimal(str(low)):
            return say.at_least(low)
        if high is not None and number > Decimal(str(high)):
            return say.at_most(high)
    return None

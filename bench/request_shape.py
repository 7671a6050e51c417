"""What the 400-for-malformed-bodies check costs per request, beside Bolt's own parse.

    .venv/bin/python bench/request_shape.py

The check looks at the dict Bolt's request already parsed (bot/entry/app.py `_events`), so it
adds microseconds; parsing the body a second time (what a check in front of Bolt would
cost) is printed too, for comparison.
"""

from __future__ import annotations

import json
import timeit
from urllib.parse import urlencode

from slack_bolt.request.internals import parse_body

from bot.sandbox.fake_slack import Message
from bot.sandbox.wire import Actor, action_entry, block_actions_payload
from bot.slack.request_shape import malformed, wrong_shape

FORM = "application/x-www-form-urlencoded"
RUNS = 20_000


def main() -> None:
    blocks = [
        {
            "type": "section",
            "block_id": f"b{i}",
            "text": {"type": "mrkdwn", "text": "x" * 200},
            "accessory": {
                "type": "button",
                "action_id": "a",
                "text": {"type": "plain_text", "text": "Anmod"},
                "value": str(i),
            },
        }
        for i in range(10)
    ]
    message = Message(ts="1.1", channel="D1", text="t", blocks=blocks)
    payload = block_actions_payload(
        actor=Actor("U1", "u"),
        actions=[action_entry("b1", blocks[1]["accessory"])],
        trigger_id="1",
        message=message,
        response_url="http://x",
    )
    body = urlencode({"payload": json.dumps(payload)})
    parsed = parse_body(body, FORM)
    base = timeit.timeit(lambda: parse_body(body, FORM), number=RUNS) / RUNS
    again = timeit.timeit(lambda: malformed(body, FORM), number=RUNS) / RUNS
    shape = timeit.timeit(lambda: wrong_shape(parsed), number=RUNS) / RUNS
    print(f"a button press of {len(body)} bytes, {RUNS} runs each:")
    print(f"  Bolt's own parse (baseline)      {base * 1e6:8.1f} µs")
    print(f"  the shape check on that parse    {shape * 1e6:8.1f} µs")
    print(f"  a second parse (not done)        {again * 1e6:8.1f} µs")


if __name__ == "__main__":
    main()

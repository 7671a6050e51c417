"""Console scripts and transcript reading that the sandbox console's tests share."""

from __future__ import annotations

HOST_INTERN_ACCEPT = """\
# Bo offers a host slot
/som bo
/praktik tilbyd
udfyld 1 Ærø Kommune
udfyld 2 Kommune
udfyld 3 Ærø
udfyld 4 1
udfyld 5 man 13. sep., tir 14. sep.
udfyld 6 klima
udfyld 7 Du følger vores klimateam og besøger havnen.
send

# Anna finds it and asks
/som anna
/praktik find ærø
tryk 1

# Bo says yes
/som bo
tryk 1
"""


def said_after(transcript: str, line: str, *, nth: int = 1) -> str:
    """What the console printed after `line` was typed (the nth time), up to the next line."""
    parts = transcript.split(line + "\n")
    assert len(parts) > nth, f"{line!r} is not {nth} times in the transcript"
    rest = parts[nth]
    answer = []
    for printed in rest.splitlines():
        if printed.partition("> ")[0].isalpha() and printed.partition("> ")[1]:
            break
        answer.append(printed)
    return "\n".join(answer)

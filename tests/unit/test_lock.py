"""requirements.lock (production installs) pins every runtime dependency of pyproject.toml
exactly, each with hashes, within the ranges pyproject.toml allows."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def _runtime() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(text) for text in project["dependencies"]]


def _pins() -> dict[str, list[str]]:
    pins: dict[str, list[str]] = {}
    for name, version in PIN.findall((ROOT / "requirements.lock").read_text()):
        pins.setdefault(canonicalize_name(name), []).append(version)
    return pins


def test_every_runtime_dependency_is_pinned_within_its_range() -> None:
    pins = _pins()
    missing = [str(r) for r in _runtime() if canonicalize_name(r.name) not in pins]
    assert missing == [], f"not in requirements.lock (refresh it, README 'Drift'): {missing}"
    for requirement in _runtime():
        for version in pins[canonicalize_name(requirement.name)]:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"requirements.lock pins {requirement.name}=={version}, outside {requirement}"
            )


def test_every_pin_is_exact_and_hashed() -> None:
    text = (ROOT / "requirements.lock").read_text()
    entries = [e for e in re.split(r"\n(?=\S)", text) if e.strip() and not e.startswith("#")]
    assert entries
    for entry in entries:
        assert PIN.match(entry), entry.splitlines()[0]
        assert "--hash=sha256:" in entry, entry.splitlines()[0]

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "slow: starts real processes (praktik serve, a PostgreSQL server); "
        "part of the default run, deselect with -m 'not slow'",
    )

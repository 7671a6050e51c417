"""One pooled HTTP session per process for a Web API client: `praktik serve` and Socket Mode."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient


@contextlib.asynccontextmanager
async def pooled_session(client: AsyncWebClient) -> AsyncIterator[None]:
    """All of the client's calls go over one pooled session while this is open.

    Without it slack_sdk opens (and tears down) a new session and connection per call,
    which was most of the cost of a button press under load.
    """
    timeout = aiohttp.ClientTimeout(total=client.timeout)
    async with aiohttp.ClientSession(timeout=timeout) as shared:
        client.session = shared
        try:
            yield
        finally:
            client.session = None

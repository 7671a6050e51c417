"""*Skriv programmet* on a confirmed placement, and its modal."""

from __future__ import annotations

from bot.service import programme as service
from handlers.modals import on_open, on_submit

on_write = on_open(service.open_modal)


on_form = on_submit(service.submit)

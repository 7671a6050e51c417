"""Sending the outbox: the dispatcher that sends a placement's due DMs, and the rules for a
claimed row. The plan of those DMs is bot.domain.timeline; `praktik outbox` is
bot.offline.outbox_cli.
"""

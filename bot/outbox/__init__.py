"""The DM outbox: the plan of a placement's DMs, the rules for a claimed row, the dispatcher
that sends, and `praktik outbox`.
"""

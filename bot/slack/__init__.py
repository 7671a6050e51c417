"""Talking to Slack: the paced Web API client, DMs, the typed message they send, who a user is,
request shapes, Socket Mode, App Home redraws.
"""

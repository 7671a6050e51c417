"""Talking to Slack: the paced Web API client, DMs, who a user is, request shapes, Socket Mode,
App Home redraws.
"""

"""Serving the app: the scheduler's jobs (the dispatcher every 30 s), Socket Mode, and the
probe that scrapes the metrics of a Socket Mode process.
"""

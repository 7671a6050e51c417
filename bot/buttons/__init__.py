"""Button values: what a button's value carries, one typed codec per kind of button
(values). The action IDs are in bot/registry/ids.py.
"""

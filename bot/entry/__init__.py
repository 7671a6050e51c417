"""What the `praktik` command (bot/cli.py) starts: the app factory and its
`/slack/events` (app), the offline tools' subcommands (cli_tools) and argparse in
Danish (argparse_da). Nothing is imported here, so that building the parser stays light.
"""

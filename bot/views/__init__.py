"""Block Kit builders: pure functions from domain data to slack_sdk block models."""

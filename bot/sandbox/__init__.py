"""A local Slack for tests and `praktik sandbox`: one fake, not two.

- `fake_slack`: the Web API server the app calls, and what each user sees.
- `blockkit_limits`: Slack's Block Kit limits as a pure validator.
- `wire`: signed requests in Slack's exact wire format, sent to the app's endpoint.
- `person`: people who type commands, fill modals and press buttons.
- `render`: Block Kit as numbered console text.
"""

"""The pure domain: data in, data out, `now` always an argument; no database, no Slack.

A placement's life (placement), the plan of its DMs (timeline), its days as a calendar
file (ics), the words of `/praktik …` (commands) and when a season's personal data goes
(retention); below them the week 37 calendar (season) and the municipalities and
regions (geo, with its copy of kommuner.csv). .importlinter states both layers.
"""

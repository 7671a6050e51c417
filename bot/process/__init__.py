"""What every process of the app sets up and reads: its settings from the environment
(config), where it reads time (clock), the season in force (current), the start-up
checks every command shares (startup) and logging (logs).
"""

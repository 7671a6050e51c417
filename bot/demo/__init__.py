"""`praktik demo`: a whole season of Innovationspraktikken, played by simulated people
through the real app over HTTP and the local fake Slack, with its report.

    people.py   who takes part and how they decide (seeded, pure); corpus.py their words
    crowd.py    their gestures: modals, searches, buttons, answers; tallied in ledger.py
    run.py      the phases and the simulated clock; the app's jobs run at every stop
    report.py   the figures as seen by the participants, checked against the database
    command.py  the command line (its progress bar on stderr: bot.offline.progress)
"""

"""The bottom layer, importing nothing of the app: every action, block and callback ID
the views and handlers agree on (ids), and the process's Prometheus metrics (metrics).
"""

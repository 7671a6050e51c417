"""The serving process itself: its jobs, Socket Mode, the pooled Web API session,
garbage-collector policy, in-flight counts, caches.
"""

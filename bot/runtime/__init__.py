"""The serving process itself: worker processes, garbage-collector policy, in-flight counts,
caches.
"""

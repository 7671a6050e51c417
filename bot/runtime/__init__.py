"""The serving process's plumbing: the pooled Web API session, garbage-collector policy,
in-flight counts, App Home coalescing, batched writes, short-lived memory, and the metrics'
exposition. The entry points that use it are in bot.serving.
"""

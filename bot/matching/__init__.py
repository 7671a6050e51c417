"""Matching: the transparent score, preference orders, the two solvers, a round and the
coordinator's steering. Pure.
"""

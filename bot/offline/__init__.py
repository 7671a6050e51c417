"""The coordinators' and operators' offline tools: CSV sign-up lists in and out, `praktik
import|eksport|match|outbox`, the progress bar.
"""

"""The coordinators' offline tools: CSV sign-up lists in and out, `praktik
import|eksport|match`, the progress bar.
"""

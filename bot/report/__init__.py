"""The season report: its figures, the chart, the PDF and Markdown files, and `praktik
rapport`.
"""

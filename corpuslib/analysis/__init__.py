"""Analyses: segments -> tables (tokens, counts, keywords, collocations, frames, sentiment, stats).

Nothing here draws: figures live in :mod:`corpuslib.plots`.
"""

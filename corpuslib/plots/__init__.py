"""Figures: the tables of :mod:`corpuslib.analysis` -> figures, one module per analysis module."""

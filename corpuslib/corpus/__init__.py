"""The corpus: ``data/raw`` + manifest -> ``data/processed`` (decode, clean, language, segment, build, units)."""

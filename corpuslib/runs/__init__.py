"""Batch runs: ``notebooks/runs.yml`` -> ``outputs/<run>/`` (parameters, config, execute, provenance, report)."""

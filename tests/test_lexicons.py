"""Every YAML file users edit refuses a key written twice."""

from __future__ import annotations

import pytest

from corpuslib.errors import LexiconError, RunConfigError
from corpuslib.lexicons import load_aliases, load_frames, parse_rules, parse_yaml


def test_duplicate_key_names_both_lines():
    with pytest.raises(LexiconError, match=r"x.yml: duplicate key 'b' on line 3 \(first on line 2\)"):
        parse_yaml("a:\n  b: 1\n  b: 2\n", source="x.yml")
    with pytest.raises(RunConfigError, match="runs.yml: not valid YAML"):
        parse_yaml("a: [1,\n", source="runs.yml", error=RunConfigError)


def test_frames_layout_and_aliases_refuse_duplicates(tmp_path):
    frames = tmp_path / "frames.yml"
    frames.write_text("frames:\n  diplomacy:\n    words: [talks]\n  diplomacy:\n    words: [deal]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="duplicate key 'diplomacy'"):
        load_frames(frames)
    with pytest.raises(LexiconError, match="duplicate key 'head_lines'"):
        parse_rules("head_lines: 3\nhead_lines: 4\n", source="layout.yml")
    aliases = tmp_path / "aliases.yml"
    aliases.write_text("a: 1\na: 2\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="duplicate key 'a'"):
        load_aliases(aliases)

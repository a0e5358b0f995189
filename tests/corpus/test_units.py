"""Tests for corpuslib.corpus.units: roles, voices, the one unit selection, exclusions, periods."""

from __future__ import annotations

import pandas as pd
import pytest

from corpuslib.corpus.units import (
    excluded_units,
    load_exclusions,
    select_units,
)
from corpuslib.errors import CorpuslibError, LexiconError


def _seg() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["a", "a", "a", "a", "b", "b"], "outlet": ["X", "X", "X", "X", "Y", "Y"],
        "seq": [0, 1, 2, 3, 0, 1], "comment_id": [None, None, None, 1, None, 1],
        "role": ["title", "body", "body", "comment", "body", "comment"],
        "quoted": [False, False, True, False, False, False],
        "lang": ["en", "en", "en", "en", "en", "fa"],
        "duplicate_of": [None, None, None, None, None, None],
        "text": ["T", "Own words.", "A quote.", "A comment.", "Other page.", "نظر"],
    }).astype({"comment_id": "Int64", "duplicate_of": "Int64"})


def test_voices_langs_outlets():
    seg = _seg()
    assert select_units(seg, voices=["author"])["seq"].tolist() == [1, 0]
    assert select_units(seg, voices=["commenter"], langs=None)["doc_id"].tolist() == ["a", "b"]
    assert select_units(seg, outlets=["Y"])["doc_id"].unique().tolist() == ["b"]
    with pytest.raises(CorpuslibError, match="unknown voice"):
        select_units(seg, voices=["boilerplate"])
    with pytest.raises(CorpuslibError, match=r"outlets: \['Z'\]"):
        select_units(seg, outlets=["Z"])


def test_repeated_units_are_counted_once_unless_asked():
    seg = _seg()
    seg.loc[2, "duplicate_of"] = 1
    assert 2 not in select_units(seg)["seq"].tolist()
    assert 2 in select_units(seg, duplicates=True)["seq"].tolist()


def test_exclusion_file_removes_units_and_lists_stale_entries(tmp_path):
    path = tmp_path / "exclude.yml"
    path.write_text(
        "exclude:\n"
        "  - {doc_id: a, comment_id: 1, reason: pasted press release}\n"
        "  - {doc_id: b, reason: duplicate page}\n"
        "  - {doc_id: zz, seq: 4, reason: typo}\n",
        encoding="utf-8",
    )
    table = load_exclusions(path)
    kept = select_units(_seg(), exclude=table, langs=None)
    assert kept["doc_id"].tolist() == ["a", "a", "a"] and 3 not in kept["seq"].tolist()
    listed = excluded_units(_seg(), table)
    assert listed.loc[listed["doc_id"] == "zz", "n_units"].item() == 0
    assert set(listed["reason"]) == {"pasted press release", "duplicate page", "typo"}
    path.write_text("exclude:\n  - {doc_id: a}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="needs doc_id and a reason"):
        load_exclusions(path)


def test_add_voice_shares_columns_yet_changes_stay_in_their_table(seed_segments) -> None:
    from corpuslib.corpus.units import add_voice, voice_of

    seg = seed_segments.copy()
    before = seg.copy()
    out = add_voice(seg)
    expected = before.copy()
    expected["voice"] = voice_of(before)  # what the deep copy gave
    pd.testing.assert_frame_equal(out, expected, check_exact=True)
    assert "voice" not in seg.columns
    out.loc[out.index[0], "text"] = "changed"  # copy-on-write: the input keeps its text
    seg.loc[seg.index[1], "seq"] = -5  # and the copy keeps its seq
    assert seg["text"].iloc[0] == before["text"].iloc[0]
    assert out["seq"].iloc[1] == before["seq"].iloc[1]

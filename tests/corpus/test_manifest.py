"""Manifest validation: every problem names its row or file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corpuslib.corpus.manifest import read_manifest, valid_date
from corpuslib.errors import ManifestError

LAYOUTS = Path(__file__).parents[1] / "data" / "layouts"
HEADER = "doc_id,file,outlet,title,published,url,author,comments_start\n"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("a,missing.txt,X,,,,,\n", "row 2: file 'missing.txt' not found"),
        ("a,wordpress.txt,X,,,,,\na,disqus.txt,Y,,,,,\n", "row 3: duplicate doc_id 'a'"),
        ("a b,wordpress.txt,X,,,,,\n", "row 2: doc_id 'a b' may only contain"),
        ("a,wordpress.txt,X,,Jan 2007,,,\n", "row 2: published 'Jan 2007'"),
        ("a,wordpress.txt,,,,,,\n", "row 2: empty outlet"),
        ("a,wordpress.txt,X,,,,,\n", "disqus.txt: raw file has no row"),
    ],
)
def test_manifest_errors_name_row_or_file(tmp_path, rows, message):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("wordpress.txt", "disqus.txt"):
        shutil.copy(LAYOUTS / "raw" / name, raw)
    (tmp_path / "m.csv").write_text(HEADER + rows, encoding="utf-8")
    m = read_manifest(tmp_path / "m.csv", raw)
    assert any(message in p for p in m.problems), m.problems
    with pytest.raises(ManifestError, match=message.split(":")[0]):
        m.raise_for_problems()


def test_manifest_missing_column(tmp_path):
    (tmp_path / "m.csv").write_text("doc_id,file\na,b\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"missing required column\(s\) \['outlet'\]"):
        read_manifest(tmp_path / "m.csv", tmp_path)


def test_bundled_manifest_is_clean():
    m = read_manifest()
    assert m.problems == [] and len(m.rows) == 5
    assert (
        m.rows.set_index("doc_id").loc["001_29d5292359f1c05b", "comments_start"]
        == "How dare Iraqis become allies"
    )


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2012", True),
        ("2012-01", True),
        ("2012-01-30", True),
        ("2012-13", False),
        ("2012-02-30", False),
        ("12/01/2012", False),
    ],
)
def test_valid_date(value, ok):
    assert valid_date(value) is ok

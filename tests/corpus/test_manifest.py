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


def _listed_by_rglob(raw_dir: Path) -> list[str]:
    """The definition ``list_raw_files`` keeps: every ``rglob`` entry that is not hidden,
    is a regular file (through a link too) and resolves inside the raw folder."""
    root = raw_dir.resolve()
    found = []
    for p in raw_dir.rglob("*"):
        rel = p.relative_to(raw_dir)
        if any(part.startswith(".") for part in rel.parts):
            continue
        try:
            if p.is_file():
                p.resolve().relative_to(root)
                found.append(rel.as_posix())
        except (OSError, RuntimeError, ValueError):
            continue
    return sorted(found)


def test_list_raw_files_lists_what_a_resolved_rglob_lists_resolving_only_links(tmp_path, monkeypatch):
    """Files reached through real folders are inside the raw folder without resolving them
    (10,000 resolves were most of hashing a remembered 10,000-page corpus); links are
    still followed and checked, a linked folder is not walked, hidden entries are skipped."""
    from corpuslib.corpus import manifest as manifest_module

    raw, outside = tmp_path / "raw", tmp_path / "outside"
    (raw / "sub" / "deeper").mkdir(parents=True)
    (raw / ".hidden").mkdir()
    outside.mkdir()
    for rel in ("a.txt", "sub/b.html", "sub/deeper/c.txt", ".dot.txt", ".hidden/d.txt", "z z.txt"):
        (raw / rel).write_text("Iran", encoding="utf-8")
    (outside / "secret.txt").write_text("secret", encoding="utf-8")
    (raw / "link-in.txt").symlink_to(raw / "sub" / "b.html")
    (raw / "link-out.txt").symlink_to(outside / "secret.txt")
    (raw / "broken.txt").symlink_to(raw / "gone.txt")
    (raw / "linked-folder").symlink_to(raw / "sub", target_is_directory=True)
    (raw / "outside-folder").symlink_to(outside, target_is_directory=True)
    (raw / "sub" / "loop").symlink_to(raw / "sub" / "loop")

    resolved = []
    real_resolve = Path.resolve
    monkeypatch.setattr(Path, "resolve", lambda self, *a, **k: resolved.append(self) or real_resolve(self, *a, **k))
    listed = manifest_module.list_raw_files(raw)
    monkeypatch.undo()
    assert listed == _listed_by_rglob(raw)
    assert listed == ["a.txt", "link-in.txt", "sub/b.html", "sub/deeper/c.txt", "z z.txt"]
    assert len(resolved) <= 1 + 3  # the raw folder, then only the links to files (the loop fails before)
    assert manifest_module.list_raw_files(tmp_path / "missing") == []

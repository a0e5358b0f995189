"""File digests shared by the build and the batch runner."""

from __future__ import annotations

import hashlib
import os

import pytest

import corpuslib.files as provenance
from corpuslib.corpus.build import corpus_key
from corpuslib.files import FileDigests, hash_files


def _no_hashing(path):
    raise AssertionError(f"{path} was read again")


def test_digests_are_remembered_across_instances_until_the_file_changes(tmp_path, monkeypatch):
    page, index = tmp_path / "page.txt", tmp_path / "cache" / "digests.json"
    page.write_bytes(b"Iran and Iraq")
    # A digest taken within the timestamp resolution of the last write is rechecked
    # (tests/test_hostile.py); here the file is taken as settled at once.
    monkeypatch.setattr(FileDigests, "RESOLUTION_NS", -10**12)
    first = FileDigests(index)
    assert first(page) == hashlib.sha256(b"Iran and Iraq").hexdigest()
    first.save()

    monkeypatch.setattr(provenance, "sha256_file", _no_hashing)
    assert FileDigests(index)(page) == hashlib.sha256(b"Iran and Iraq").hexdigest()

    page.write_bytes(b"Iran and Iraq, again")
    os.utime(page, ns=(1, 1))  # a new size and mtime: the remembered digest is stale
    with pytest.raises(AssertionError, match="read again"):
        FileDigests(index)(page)


def test_save_forgets_files_that_are_gone_and_survives_a_read_only_index(tmp_path):
    kept, gone = tmp_path / "kept.txt", tmp_path / "gone.txt"
    kept.write_text("a")
    gone.write_text("b")
    index = tmp_path / "digests.json"
    digests = FileDigests(index)
    digests(kept)
    digests(gone)
    gone.unlink()
    digests.save()
    assert list(FileDigests(index)._index) == [str(kept.resolve())]
    FileDigests(tmp_path / "missing-dir" / "file" / "x.json")  # unreadable index: starts empty
    blocked = tmp_path / "blocker"
    blocked.write_text("a file where the cache folder would go")
    read_only = FileDigests(blocked / "digests.json")
    read_only(kept)
    read_only.save()  # cannot write: no error, hashes again next time


def test_build_and_batch_share_one_index(tmp_path, monkeypatch):
    """corpus_key hashes the raw pages once; the run planner then reads none of them."""
    from corpuslib import paths

    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(3):
        (raw / f"p{i}.txt").write_text(f"page {i}", encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("doc_id,file,outlet\n", encoding="utf-8")
    monkeypatch.setattr(paths, "PROCESSED_DIR", tmp_path / "processed")
    monkeypatch.setattr(FileDigests, "RESOLUTION_NS", -10**12)  # pages taken as settled
    corpus_key(raw, manifest, paths.LAYOUT_RULES)

    monkeypatch.setattr(provenance, "sha256_file", _no_hashing)
    hashes = hash_files(sorted(raw.iterdir()), root=tmp_path, digests=FileDigests())
    assert hashes == {
        f"raw/p{i}.txt": hashlib.sha256(f"page {i}".encode()).hexdigest() for i in range(3)
    }


def test_file_digests_key_files_by_their_resolved_path(tmp_path) -> None:
    """Folders are resolved once: a page reached through a linked folder or a linked file
    is still indexed under its real path, so both routes share one remembered digest."""
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text("alpha", encoding="utf-8")
    (tmp_path / "via").symlink_to(real, target_is_directory=True)
    (real / "b.txt").symlink_to(real / "a.txt")
    digests = FileDigests(tmp_path / "index.json")
    for path in (real / "a.txt", tmp_path / "via" / "a.txt", real / "b.txt"):
        digests(path)
        assert str(path.resolve()) in digests._index
    assert list(digests._index) == [str((real / "a.txt").resolve())]


def test_file_digests_take_paths_as_strings_with_the_same_keys(tmp_path, monkeypatch) -> None:
    """``corpus_key`` hands over plain strings (Path objects were most of the cost of a
    remembered corpus); a string, a relative path and a Path share one index entry."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "raw").mkdir()
    page = tmp_path / "raw" / "a.txt"
    page.write_text("Iraq", encoding="utf-8")
    digests = FileDigests(tmp_path / "index.json")
    expected = hashlib.sha256(b"Iraq").hexdigest()
    for path in (str(page), "raw/a.txt", "./raw/./a.txt", page, "raw//a.txt"):
        assert digests(path) == expected
    assert list(digests._index) == [str(page.resolve())]

"""Build, bad input, manifest errors, CLI exit codes and the cache."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from corpuslib import paths
from corpuslib.cli import main
from corpuslib.corpus.build import build_corpus, corpus_key, load_segments, read_segments
from corpuslib.errors import ManifestError

LAYOUTS = Path(__file__).parents[1] / "data" / "layouts"
HEADER = "doc_id,file,outlet,title,published,url,author,comments_start\n"


def digest_tree(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture()
def corpus(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(LAYOUTS / "raw", raw)
    manifest = tmp_path / "manifest.csv"
    shutil.copy(LAYOUTS / "manifest.csv", manifest)
    return raw, manifest, tmp_path / "out"


def test_bad_documents_are_reported_and_others_built(corpus):
    raw, manifest, out = corpus
    before = digest_tree(raw)
    report = build_corpus(raw, manifest, out)
    assert report.manifest_ok and report.n_docs == 7
    assert "binary.bin: skipped (binary content (NUL or control bytes), not a text page)" in report.problems
    assert "empty.txt: skipped (empty file (no text to segment))" in report.problems
    assert not report.errors
    # the Disqus header claims 12 comments, 3 are on the page: reported, not trusted
    assert any(p.startswith("disqus_votes.txt: comment header says 12") for p in report.problems)
    segs = read_segments(out / "segments.parquet")
    assert set(segs.doc_id) == {"wp", "dq", "legacy", "bom", "wplist", "dqvotes", "sub"}
    docs = pd.read_parquet(out / "docs.parquet").set_index("doc_id")
    assert docs.loc["bin", "status"] == "skipped" and docs.loc["legacy", "encoding"] == "cp1252"
    assert docs.loc["wp", "n_comments"] == 3 and docs.loc["wp", "sha256"] == hashlib.sha256((raw / "wordpress.txt").read_bytes()).hexdigest()
    assert digest_tree(raw) == before  # raw data untouched
    assert not list(out.rglob(".*.tmp"))  # no temp files left behind


def test_offsets_point_into_decoded_raw_with_crlf_and_bom(corpus):
    raw, manifest, out = corpus
    build_corpus(raw, manifest, out)
    segs = read_segments(out / "segments.parquet")
    text = (raw / "bom_crlf.txt").read_bytes().decode("utf-8-sig")
    for r in segs[segs.doc_id == "bom"].itertuples():
        assert text[r.start : r.end].replace("\r\n", " ") == r.text
    legacy = segs[segs.doc_id == "legacy"].text.iloc[0]
    assert legacy == "Teheran and Bagdad: a café diplomacy – “grand bargain” talk"


def test_comments_start_not_found_is_manifest_error_and_page_left_out(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(LAYOUTS / "raw" / "wordpress.txt", raw)
    shutil.copy(LAYOUTS / "raw" / "disqus.txt", raw)
    (tmp_path / "m.csv").write_text(
        HEADER + "wp,wordpress.txt,X,,,,,no such text\ndq,disqus.txt,Y,,,,,\n", encoding="utf-8"
    )
    report = build_corpus(raw, tmp_path / "m.csv", tmp_path / "out")
    assert not report.manifest_ok
    assert any("comments_start 'no such text' not found" in p for p in report.errors)
    # its comments are not silently read as the author's text; the other page is built
    assert set(read_segments(tmp_path / "out" / "segments.parquet").doc_id) == {"dq"}


def test_bad_date_is_reported_and_stored_as_unknown(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(LAYOUTS / "raw" / "wordpress.txt", raw)
    (tmp_path / "m.csv").write_text(HEADER + "wp,wordpress.txt,X,,2020-13-45,,,\n", encoding="utf-8")
    report = build_corpus(raw, tmp_path / "m.csv", tmp_path / "out")
    assert any("'2020-13-45'" in e for e in report.errors)
    docs = pd.read_parquet(tmp_path / "out" / "docs.parquet")
    assert docs.published.isna().all()


def test_cli_exit_codes(corpus, capsys):
    raw, manifest, out = corpus
    assert main(["build", "--raw", str(raw), "--manifest", str(manifest), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "binary.bin" in err and "empty.txt" in err
    manifest.write_text(manifest.read_text(encoding="utf-8") + "x,nothere.txt,X,,,,,\n", encoding="utf-8")
    assert main(["build", "--raw", str(raw), "--manifest", str(manifest), "--out", str(out)]) == 1
    assert "nothere.txt" in capsys.readouterr().err
    assert main(["build", "--raw", str(raw), "--manifest", str(raw / "nope.csv"), "--out", str(out)]) == 2


def test_parallel_build_matches_serial(corpus, tmp_path):
    raw, manifest, out = corpus
    build_corpus(raw, manifest, out)
    build_corpus(raw, manifest, tmp_path / "par", jobs=2)
    pd.testing.assert_frame_equal(
        read_segments(out / "segments.parquet"), read_segments(tmp_path / "par" / "segments.parquet")
    )


def test_cache_rebuilds_only_on_change(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "PROCESSED_DIR", tmp_path / "processed")
    raw = tmp_path / "raw"
    shutil.copytree(LAYOUTS / "raw", raw)
    (raw / "binary.bin").unlink()
    manifest = tmp_path / "m.csv"
    manifest.write_text(
        "".join(line for line in (LAYOUTS / "manifest.csv").read_text(encoding="utf-8").splitlines(True) if "binary" not in line),
        encoding="utf-8",
    )
    calls = []
    import corpuslib.corpus.build as b

    real = b.build_corpus
    monkeypatch.setattr(b, "build_corpus", lambda *a, **k: calls.append(1) or real(*a, **k))
    first = load_segments(raw, manifest)
    second = load_segments(raw, manifest)
    assert len(calls) == 1
    pd.testing.assert_frame_equal(first, second)
    key = corpus_key(raw, manifest, paths.LAYOUT_RULES)
    (raw / "disqus.txt").write_text((raw / "disqus.txt").read_text(encoding="utf-8") + "\nNew paragraph.\n", encoding="utf-8")
    assert corpus_key(raw, manifest, paths.LAYOUT_RULES) != key
    third = load_segments(raw, manifest)
    assert len(calls) == 2 and "New paragraph." in set(third.text)


def test_load_segments_strict_on_manifest_errors(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "PROCESSED_DIR", tmp_path / "processed")
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(LAYOUTS / "raw" / "wordpress.txt", raw)
    shutil.copy(LAYOUTS / "raw" / "disqus.txt", raw)
    (tmp_path / "m.csv").write_text(HEADER + "wp,wordpress.txt,X,,,,,\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="disqus.txt"):
        load_segments(raw, tmp_path / "m.csv")
    with pytest.warns(UserWarning, match="disqus.txt"):
        segs = load_segments(raw, tmp_path / "m.csv", strict=False)
    assert set(segs.doc_id) == {"wp"}


def test_segments_contract_columns(seed_segments):
    expected = ["doc_id", "outlet", "role", "seq", "comment_id", "commenter", "quoted", "lang", "start", "end", "text"]
    assert list(seed_segments.columns[: len(expected)]) == expected
    assert str(seed_segments.comment_id.dtype) == "Int64"
    assert seed_segments.quoted.dtype == bool
    assert set(seed_segments.role) <= {"title", "body", "comment", "boilerplate"}
    for _, g in seed_segments.groupby("doc_id"):
        assert g.seq.tolist() == list(range(len(g)))


def test_cli_caps_page_warnings_but_always_prints_errors(corpus, capsys):
    raw, manifest, out = corpus
    manifest.write_text(manifest.read_text(encoding="utf-8") + "x,nothere.txt,X,,,,,\n", encoding="utf-8")
    args = ["build", "--raw", str(raw), "--manifest", str(manifest), "--out", str(out)]
    report = build_corpus(raw, manifest, out.parent / "reference")
    n_warnings = len(report.problems) - len(report.errors)
    assert n_warnings >= 3 and report.errors
    assert main([*args, "--max-warnings", "1"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert sum(line.startswith("warning: ") for line in err) == 1
    assert any("nothere.txt" in line for line in err if line.startswith("error: "))
    assert f"... and {n_warnings - 1} more warning(s), not shown" in err[-1]
    assert main([*args, "--max-warnings", "-1"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert sum(line.startswith("warning: ") for line in err) == n_warnings
    assert not any("not shown" in line for line in err)


def test_cli_count_and_sentiment(corpus, tmp_path):
    raw, manifest, out = corpus
    assert main(["build", "--raw", str(raw), "--manifest", str(manifest), "--out", str(out)]) == 0
    seg = str(out / "segments.parquet")
    assert main(["count", "--segments", seg, "--by", "doc_id", "--out", str(tmp_path / "c.csv"), "--jobs", "2", "--stopwords"]) == 0
    counts = pd.read_csv(tmp_path / "c.csv")
    assert {"wp", "dq", "legacy", "bom"} <= set(counts.doc_id) and "iraq" in set(counts.term)
    assert main(["sentiment", "--segments", seg, "--out", str(tmp_path / "s.parquet")]) == 0
    scored = pd.read_parquet(tmp_path / "s.parquet")
    assert {"compound", "textblob_polarity", "voice", "status"} <= set(scored.columns)
    # VADER as published, quotations kept: the notebook's sensitivity options on the CLI
    assert main(["sentiment", "--segments", seg, "--out", str(tmp_path / "p.parquet"),
                 "--domain", "none", "--quotes", "keep", "--voices", "author,commenter"]) == 0
    plain = pd.read_parquet(tmp_path / "p.parquet")
    assert len(plain) == len(scored) and plain["voice"].isin(["author", "commenter"]).all()


def test_cli_build_skips_unchanged_inputs_unless_forced(corpus, capsys):
    raw, manifest, out = corpus
    args = ["build", "--raw", str(raw), "--manifest", str(manifest), "--out", str(out)]
    assert main(args) == 0
    # outputs are written to a temporary file and moved in with os.replace, so a rewrite
    # gives the file a new inode (independent of the file system's timestamp granularity)
    first = (out / "segments.parquet").stat()
    capsys.readouterr()
    assert main(args) == 0
    assert "up to date" in capsys.readouterr().out
    kept = (out / "segments.parquet").stat()
    assert (kept.st_ino, kept.st_mtime_ns) == (first.st_ino, first.st_mtime_ns)
    assert main([*args, "--force"]) == 0
    assert (out / "segments.parquet").stat().st_ino != first.st_ino


def test_readme_states_the_default_warning_cap():
    from corpuslib.cli import build_parser

    build = build_parser()._subparsers._group_actions[0].choices["build"]
    default = build.get_default("max_warnings")
    readme = (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8").replace("\n", " ")
    assert f"prints the first {default} page warnings" in readme


def test_outlet_template_lines_become_boilerplate_across_pages(tmp_path):
    """Cross-page evidence: a line on every page of an outlet is site template."""
    from corpuslib.corpus.build import build_corpus, read_segments

    raw = tmp_path / "raw"
    raw.mkdir()
    prose = ("The parliament debated the bill to expel foreign troops, and most coverage treated "
             "it as a referendum on the United States rather than on the budget of the militias.")
    rows = ["doc_id,file,outlet,title"]
    for i in range(3):
        (raw / f"p{i}.txt").write_text(
            f"Support our newsroom today\nStory number {i} on Iraq\n{prose} Part {i}.\n", encoding="utf-8"
        )
        rows.append(f"p{i},p{i}.txt,Gulf Watch,Story number {i} on Iraq")
    (tmp_path / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    build_corpus(raw, tmp_path / "manifest.csv", tmp_path / "out")
    segs = read_segments(tmp_path / "out" / "segments.parquet")
    chrome = segs[segs.text == "Support our newsroom today"]
    assert len(chrome) == 3 and (chrome.role == "boilerplate").all()
    assert chrome.rule.str.startswith("site_template (3 pages)").all()
    for col in ("reply_to", "depth", "duplicate_of", "confidence"):
        assert col in segs.columns


def test_a_page_that_trips_a_bug_is_skipped_and_named_and_the_rest_are_built(tmp_path, monkeypatch):
    from corpuslib.corpus import build as build_module

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text("A headline\n\nThe council met on Tuesday and agreed the plan.\n", encoding="utf-8")
    (raw / "bad.txt").write_text("TRIGGER\n\nThe council met on Tuesday and agreed the plan.\n", encoding="utf-8")
    real = build_module.segment_text

    def buggy(text, **kw):
        if text.startswith("TRIGGER"):
            raise AttributeError("'NoneType' object has no attribute 'split'")
        return real(text, **kw)

    monkeypatch.setattr(build_module, "segment_text", buggy)
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("doc_id,file,outlet\ngood,good.txt,Valley\nbad,bad.txt,Valley\n", encoding="utf-8")
    result = build_module.build_corpus(raw, manifest, tmp_path / "out", force=True)
    docs = pd.read_parquet(tmp_path / "out" / "docs.parquet").set_index("file")
    assert docs.loc["good.txt", "status"] == "ok"
    assert docs.loc["bad.txt", "status"] == "skipped"
    assert "bad.txt: unexpected AttributeError" in docs.loc["bad.txt", "warnings"]
    assert "a bug in corpuslib" in docs.loc["bad.txt", "warnings"]
    assert any(p.startswith("bad.txt: skipped (unexpected AttributeError") for p in result.problems)

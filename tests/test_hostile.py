"""Issue #12: hostile input and interrupted work.

Every case of the issue, tried as an attacker and as an unlucky user would, plus a
few found on the way. Nothing read from outside the raw folder, nothing from the
corpus injected into a report, nothing stale vouched for, no unbounded work, and
one named line (no traceback) for every error. Raw files stay byte-identical.

Case letters follow the issue: (a) paths, (b) script injection, (c) formula
injection, (d) notebook keys, (e) killed run, (f) atomic build, (g) digest memo,
(h) overlapping runs, (i) regex time limit, (j) YAML bombs, (k) named errors,
(l) silently wrong results.
"""

from __future__ import annotations

import errno
import hashlib
import html.parser
import json
import os
import shutil
import socket
import time
from pathlib import Path

import pandas as pd
import pytest

import corpuslib.runs.execute as batch
from corpuslib import lexicons, paths
from corpuslib.cli import EXIT_BUSY, EXIT_ERROR, main
from corpuslib.corpus import build as build_module
from corpuslib.corpus.build import build_corpus, read_segments, table_folder
from corpuslib.corpus.decode import decode_bytes
from corpuslib.corpus.manifest import read_manifest
from corpuslib.errors import (
    BusyError,
    LexiconError,
    OutputError,
    RunConfigError,
    SegmentsError,
)
from corpuslib.escape import csv_cell, escape_latex, escape_markdown
from corpuslib.files import FileDigests, exclusive_lock
from corpuslib.lexicons import parse_rules, parse_yaml
from corpuslib.runs.config import load_runs

BATCH = Path(__file__).parent / "data" / "batch"
SEED = "000_f3a5e988c5b38aa5.txt"

SCRIPT = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://evil.example","x")'
PAYLOAD = f"{FORMULA} {SCRIPT} @SUM(1) \\input{{/etc/passwd}} $x^$ [a](javascript:alert(1))"


# ---------------------------------------------------------------- helpers


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


@pytest.fixture
def corpus(tmp_path):
    """A raw folder with one seed page, its manifest and an output folder."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copyfile(paths.RAW_DIR / SEED, raw / SEED)
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(f"doc_id,file,outlet\nseed,{SEED},The American Interest\n", "utf-8")
    return raw, manifest, tmp_path / "out"


def add_rows(manifest: Path, *rows: str) -> None:
    with manifest.open("a", encoding="utf-8") as fh:
        for row in rows:
            fh.write(row + "\n")


def build_cli(raw, manifest, out, *extra):
    return main(["build", "--raw", str(raw), "--manifest", str(manifest), "--out", str(out), *extra])


def one_error_line(err: str) -> str:
    lines = [line for line in err.strip().splitlines() if line.startswith("error:")]
    assert "Traceback" not in err
    assert lines, err
    return lines[0]


# ---------------------------------------------------------------- (a) paths


@pytest.mark.parametrize(
    "file, message",
    [
        ("/etc/shadow", "absolute path"),
        ("../../../etc/passwd", "outside the raw folder"),
        ("outside-link.txt", "symlink leading outside the raw folder"),
    ],
)
def test_a_manifest_path_outside_the_raw_folder_is_an_error_and_never_read(
    corpus, capsys, file, message
):
    raw, manifest, out = corpus
    secret = raw.parent / "secret.txt"
    secret.write_text("SECRET-PASSWORD\n", "utf-8")
    (raw / "outside-link.txt").symlink_to(secret)
    add_rows(manifest, f"evil,{file},Evil")
    before = tree_digest(raw)
    assert build_cli(raw, manifest, out) == 1
    err = capsys.readouterr().err
    assert message in err and file in err
    segs = read_segments(out / "segments.parquet")
    assert set(segs["doc_id"]) == {"seed"}
    assert not segs["text"].str.contains("SECRET|root:", regex=True).any()
    assert tree_digest(raw) == before


def test_a_an_unlisted_symlink_out_of_the_raw_folder_is_reported_and_not_hashed(corpus):
    raw, manifest, _ = corpus
    (raw / "shadow.txt").symlink_to("/etc/shadow")
    m = read_manifest(manifest, raw)
    assert any("shadow.txt: symlink leading outside the raw folder" in p for p in m.problems)
    build_module.corpus_key(raw, manifest, paths.LAYOUT_RULES)  # does not read /etc/shadow


def test_a_raw_file_swapped_for_an_outside_link_after_the_check_is_not_read(corpus):
    raw, manifest, out = corpus
    secret = raw.parent / "secret.txt"
    secret.write_text("SECRET\n", "utf-8")
    (raw / "late.txt").write_text("An ordinary page about Iran.\n", "utf-8")
    add_rows(manifest, "late,late.txt,X")
    m = read_manifest(manifest, raw)
    (raw / "late.txt").unlink()
    (raw / "late.txt").symlink_to(secret)
    rows, doc = build_module._process_path(
        (str(raw / "late.txt"), {**m.rows.iloc[1].to_dict(), "file": "late.txt"}, "", str(raw)),
        lexicons.load_rules(),
    )
    assert rows == [] and doc["status"] == "skipped" and "outside the raw folder" in doc["warnings"]


# ---------------------------------------------------------------- (b) (c) escaping


def test_b_describe_comparison_escapes_outlet_names():
    from corpuslib.analysis.sentiment import describe_comparison

    comparison = pd.DataFrame(
        {
            "measure": ["compound"] * 2, "instrument": ["vader"] * 2,
            "scope": ["outlet", "pooled"], "outlet": [SCRIPT, None],
            "diff": [0.5, 0.4], "ci_low": [0.1, 0.1], "ci_high": [0.9, 0.8],
            "p_perm": [0.01, 0.01], "p_adj": [0.01, 0.01], "too_small": [False, False],
            "page_level": [True, False], "n_author": [5, 9], "n_commenter": [5, 9],
            "reason": ["", ""], "p_adj_method": ["holm", "holm"],
        }
    )  # fmt: skip
    text = describe_comparison(comparison)
    assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;" in text


def test_b_every_describe_function_escapes_corpus_strings():
    from corpuslib.analysis.counts import describe_concentrated
    from corpuslib.analysis.overview import describe_exclusions

    segments = pd.DataFrame({"doc_id": ["d"], "seq": [0], "role": ["comment"], "text": ["x" * 10]})
    table = pd.DataFrame(
        {"term": [SCRIPT], "voice": ["<b>v</b>"], "count": [4], "concentrated": [True],
         "top_unit": ["d:0"], "top_unit_share": [1.0]}
    )  # fmt: skip
    text = describe_concentrated(table, segments)
    assert "<script" not in text and "<b>" not in text
    excluded = pd.DataFrame({"doc_id": ["<script>x</script>"], "n_units": [0], "reason": ["r"]})
    assert "<script" not in describe_exclusions(excluded)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"), ("+1+1", "'+1+1"), ("-1+1", "'-1+1"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"), ("\rx", "'\rx"), ("-0.5", "-0.5"), ("1e-3", "1e-3"), ("Fox", "Fox"),
        ("\uff1dcmd", "'\uff1dcmd"),
    ],
)  # fmt: skip
def test_c_csv_cell_neutralises_formulas_only(value, expected):
    assert csv_cell(value) == expected


def test_c_save_table_guards_text_cells_and_keeps_numbers_numeric(tmp_path):
    from corpuslib.plots.style import save_table

    df = pd.DataFrame({"outlet": [FORMULA, "-cmd", "@x", "Fox"], "diff": [-0.25, -1.0, 2.0, 3.0]})
    written = save_table(df, "t", tmp_path)
    back = pd.read_csv(written["csv"])
    assert back["diff"].tolist() == [-0.25, -1.0, 2.0, 3.0]  # numbers stay numbers
    assert all(not str(v).startswith(("=", "+", "-", "@")) for v in back["outlet"])
    tex = written["tex"].read_text("utf-8")
    assert "\\input" not in escape_latex("\\input{x}") and "HYPERLINK" in tex


def test_b_markdown_and_latex_escapes():
    assert "<" not in escape_markdown(SCRIPT) and "\n" not in escape_markdown("a\n# b")
    assert escape_latex("a\n\nb") == "a  b"  # no paragraph break inside a table row


# ---------------------------------------------------------------- (d) notebook keys


@pytest.mark.parametrize("key", ["/abs/table", "../batch/table", "sub/table", "..", ".hidden"])
def test_d_runs_yml_notebook_keys_are_bare_names(tmp_path, key):
    runs = tmp_path / "runs.yml"
    runs.write_text(f"one:\n  notebooks:\n    {json.dumps(key)}: {{}}\n", "utf-8")
    with pytest.raises(RunConfigError, match="bare names"):
        load_runs(runs, notebooks_dir=BATCH)


def test_d_absolute_notebook_key_never_overwrites_the_committed_notebook(tmp_path, capsys):
    committed = BATCH / "table.ipynb"
    before = committed.read_bytes()
    runs = tmp_path / "runs.yml"
    runs.write_text(f"one:\n  notebooks:\n    {committed}: {{}}\n", "utf-8")
    assert main(["run", "--runs", str(runs), "--out", str(tmp_path / "out")]) == EXIT_ERROR
    assert "bare names" in capsys.readouterr().err
    assert committed.read_bytes() == before


def test_d_outputs_folder_holding_the_notebooks_is_refused(tmp_path):
    nbs = tmp_path / "proj" / "one" / "notebooks"
    nbs.mkdir(parents=True)
    shutil.copyfile(BATCH / "table.ipynb", nbs / "table.ipynb")
    runs = nbs / "runs.yml"
    runs.write_text("one:\n  notebooks:\n    table:\n", "utf-8")
    with pytest.raises(RunConfigError, match="holds the committed notebook"):
        batch.run_notebooks(runs, out_root=tmp_path / "proj", prepare_corpus=False, progress=False)
    assert (nbs / "table.ipynb").exists()


# ---------------------------------------------------------------- (e) (h) runs


def _runs_file(tmp_path: Path) -> Path:
    shutil.copyfile(BATCH / "table.ipynb", tmp_path / "table.ipynb")  # for the CLI
    runs = tmp_path / "runs.yml"
    runs.write_text("one:\n  notebooks:\n    table: {rows: 1}\n", "utf-8")
    return runs


def _run(runs, out, **kw):
    return batch.run_notebooks(
        runs, out_root=out, notebooks_dir=BATCH, prepare_corpus=False, progress=False, **kw
    )


@pytest.mark.slow
def test_e_a_run_killed_during_its_notebooks_is_redone_not_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "source_hash", lambda: "pinned")
    runs, out = _runs_file(tmp_path), tmp_path / "out"
    assert _run(runs, out).ok
    real = batch._execute_all

    def killed(tasks, **kw):
        (out / "one" / "notebooks" / "table.ipynb").write_text("{half", "utf-8")
        raise KeyboardInterrupt  # the kill arrives during the last notebook

    monkeypatch.setattr(batch, "_execute_all", killed)
    with pytest.raises(KeyboardInterrupt):
        _run(runs, out, force=True)
    record = json.loads((out / "one" / "run.json").read_text("utf-8"))
    assert record["status"] == "running" and record["complete"] is False
    assert not (out / "one" / "index.html").exists()

    monkeypatch.setattr(batch, "_execute_all", real)
    again = _run(runs, out)
    assert [r.status for r in again.runs] == ["ok"]  # redone, not "skipped"
    assert (out / "one" / "index.html").is_file()
    assert json.loads((out / "one" / "run.json").read_text("utf-8"))["complete"] is True
    assert [r.status for r in _run(runs, out).runs] == ["skipped"]


@pytest.mark.slow
def test_e_a_run_whose_report_is_missing_is_not_vouched_for(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "source_hash", lambda: "pinned")
    runs, out = _runs_file(tmp_path), tmp_path / "out"
    assert _run(runs, out).ok
    (out / "one" / "index.html").unlink()
    assert [r.status for r in _run(runs, out).runs] == ["ok"]


def test_h_a_second_run_on_the_same_outputs_is_refused_clearly(tmp_path, capsys):
    runs, out = _runs_file(tmp_path), tmp_path / "out"
    with exclusive_lock(out / "one" / ".corpuslib-run.lock", what="first run"):
        with pytest.raises(BusyError, match="in use by another corpuslib command"):
            _run(runs, out, force=True)
        code = main(["run", "--runs", str(runs), "--out", str(out), "--force"])
        assert code == EXIT_BUSY
        line = one_error_line(capsys.readouterr().err)
        assert "run folder" in line and f"pid {os.getpid()}" in line
    assert not (out / "one" / "notebooks").exists()  # the first run's outputs untouched


def test_h_the_lock_dies_with_its_process(tmp_path):
    import subprocess
    import sys

    lock = tmp_path / "x.lock"
    code = (
        "import os, sys; from pathlib import Path; from corpuslib.files import exclusive_lock\n"
        f"with exclusive_lock(Path({str(lock)!r}), what='x'): os._exit(9)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 9
    with exclusive_lock(lock, what="x"):  # a killed holder leaves no stale lock
        pass


# ---------------------------------------------------------------- (f) atomic build


def test_f_a_build_killed_between_tables_leaves_the_previous_build_whole(corpus, monkeypatch):
    raw, manifest, out = corpus
    build_corpus(raw, manifest, out)
    old_segments = read_segments(out / "segments.parquet")
    old_key = json.loads((out / "build.json").read_text("utf-8"))["key"]

    (raw / "new.txt").write_text("A new page about Iraq and Iran.\n", "utf-8")
    add_rows(manifest, "new,new.txt,New Outlet")
    real = build_module.write_parquet_atomic

    def die_on_docs(path, schema, batches):
        if path.name == "docs.parquet":
            raise KeyboardInterrupt  # killed after segments.parquet was written
        return real(path, schema, batches)

    monkeypatch.setattr(build_module, "write_parquet_atomic", die_on_docs)
    with pytest.raises(KeyboardInterrupt):
        build_corpus(raw, manifest, out)
    # the old build is still published, whole, and not taken as up to date for the new inputs
    pd.testing.assert_frame_equal(read_segments(out / "segments.parquet"), old_segments)
    assert json.loads((out / "build.json").read_text("utf-8"))["key"] == old_key
    assert set(pd.read_parquet(out / "docs.parquet")["doc_id"]) == {"seed"}
    key = build_module.corpus_key(raw, manifest, paths.LAYOUT_RULES)
    assert not build_module._built_with(out, key)

    monkeypatch.setattr(build_module, "write_parquet_atomic", real)
    report = build_corpus(raw, manifest, out, force=False)
    assert not report.up_to_date and report.n_docs == 2
    folder = table_folder(out)
    assert set(read_segments(folder / "segments.parquet")["doc_id"]) == {"seed", "new"}
    assert set(pd.read_parquet(folder / "docs.parquet")["doc_id"]) == {"seed", "new"}
    assert len(list((out / "generations").iterdir())) == 1


def test_f_leftover_temporaries_of_killed_builds_are_removed_on_start(corpus):
    raw, manifest, out = corpus
    build_corpus(raw, manifest, out)
    junk = [out / ".segments.parquet.123.abc.tmp", out / ".build.json.9.x.tmp"]
    for j in junk:
        j.write_bytes(b"half")
    orphan = out / "generations" / "20000101T000000-1-dead"
    orphan.mkdir()
    (orphan / ".segments.parquet.1.2.tmp").write_bytes(b"half")
    build_corpus(raw, manifest, out)
    assert not any(j.exists() for j in junk) and not orphan.exists()
    assert not list(out.rglob("*.tmp"))


def test_f_readers_follow_the_published_generation(corpus):
    raw, manifest, out = corpus
    build_corpus(raw, manifest, out)
    first = table_folder(out)
    build_corpus(raw, manifest, out)  # force: a new generation
    second = table_folder(out)
    assert first != second and not first.exists()
    assert (out / "segments.parquet").resolve() == second / "segments.parquet"


# ---------------------------------------------------------------- (g) digest memo


def test_g_a_same_size_edit_with_the_old_mtime_restored_is_noticed(tmp_path, monkeypatch):
    page, index = tmp_path / "page.txt", tmp_path / "digests.json"
    page.write_bytes(b"Iran 1")
    monkeypatch.setattr(FileDigests, "RESOLUTION_NS", -10**12)  # trust settled entries
    first = FileDigests(index)
    old = first(page)
    first.save()
    st = page.stat()
    time.sleep(0.01)
    page.write_bytes(b"Iraq 2")  # same size
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))  # old mtime restored
    assert page.stat().st_size == st.st_size and page.stat().st_mtime_ns == st.st_mtime_ns
    assert FileDigests(index)(page) == hashlib.sha256(b"Iraq 2").hexdigest() != old


def test_g_a_digest_taken_within_the_timestamp_resolution_is_rechecked(tmp_path, monkeypatch):
    page, index = tmp_path / "page.txt", tmp_path / "digests.json"
    page.write_bytes(b"Iran 1")
    first = FileDigests(index)
    first(page)
    first.save()
    calls = []
    real = FileDigests.__call__.__globals__["sha256_file"]
    monkeypatch.setitem(
        FileDigests.__call__.__globals__, "sha256_file", lambda p: calls.append(p) or real(p)
    )
    FileDigests(index)(page)  # written just now: cannot be sure, so hashed again
    assert calls == [page]


# ---------------------------------------------------------------- (i) (j) bounded work


def test_i_a_catastrophic_layout_rule_is_named_and_its_page_skipped(corpus, monkeypatch, capsys):
    raw, manifest, out = corpus
    rules = raw.parent / "layout.yml"
    text = paths.LAYOUT_RULES.read_text("utf-8").replace(
        "boilerplate:\n", "boilerplate:\n  - name: evil\n    pattern: '(a|a)+$'\n", 1
    )
    rules.write_text(text, "utf-8")
    (raw / "aaa.txt").write_text("a" * 40 + "b\nA normal line about Iran.\n", "utf-8")
    add_rows(manifest, "aaa,aaa.txt,X")
    monkeypatch.setattr(lexicons, "PAGE_RULE_SECONDS", 1.0)
    t0 = time.monotonic()
    report = build_corpus(raw, manifest, out, rules=rules)
    assert time.monotonic() - t0 < 30
    problem = next(p for p in report.problems if p.startswith("aaa.txt"))
    assert "skipped" in problem and "'evil'" in problem and "time limit" in problem
    assert report.n_docs == 1  # the other page is built


BOMB = """a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_j_billion_laughs_is_refused_in_every_yaml_file(tmp_path, capsys):
    assert len(BOMB.encode()) < 600
    with pytest.raises(LexiconError, match="anchors and aliases are not allowed"):
        parse_yaml(BOMB, source="x.yml")
    with pytest.raises(LexiconError, match="anchors and aliases"):
        parse_rules(BOMB, source="layout.yml")
    runs = tmp_path / "runs.yml"
    runs.write_text(BOMB, "utf-8")
    with pytest.raises(RunConfigError, match="anchors and aliases"):
        load_runs(runs, notebooks_dir=BATCH)
    assert main(["run", "--runs", str(runs)]) == EXIT_ERROR
    assert "runs.yml" in one_error_line(capsys.readouterr().err)


def test_j_an_oversized_yaml_file_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(lexicons, "MAX_YAML_CHARS", 1000)
    big = tmp_path / "layout.yml"
    big.write_text("# " + "x" * 2000 + "\n", "utf-8")
    with pytest.raises(LexiconError, match="more than the 1,000"):
        lexicons.load_rules(big)


# ---------------------------------------------------------------- (k) named errors


def test_k_a_manifest_that_is_a_folder_exits_2_naming_it(corpus, capsys):
    raw, _, out = corpus
    assert build_cli(raw, raw, out) == EXIT_ERROR
    assert "is a folder" in one_error_line(capsys.readouterr().err)


def test_k_disk_full_during_build_is_one_named_line(corpus, monkeypatch, capsys):
    raw, manifest, out = corpus
    build_corpus(raw, manifest, out)
    before = read_segments(out / "segments.parquet")

    def full(path, schema, batches):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(build_module, "write_parquet_atomic", full)
    assert build_cli(raw, manifest, out, "--force") == EXIT_ERROR
    line = one_error_line(capsys.readouterr().err)
    assert "No space left on device" in line and "segments.parquet" in line
    pd.testing.assert_frame_equal(read_segments(out / "segments.parquet"), before)
    with pytest.raises(OutputError):
        build_corpus(raw, manifest, out)


def test_k_unwritable_out_is_one_named_line(corpus, capsys):
    raw, manifest, out = corpus
    out.parent.mkdir(exist_ok=True)
    out.write_text("a file, not a folder")
    assert build_cli(raw, manifest, out) == EXIT_ERROR
    assert str(out) in one_error_line(capsys.readouterr().err)


def test_k_disk_full_during_run_is_one_named_line(tmp_path, monkeypatch, capsys):
    runs = _runs_file(tmp_path)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out" / "one" / "run.json"))

    monkeypatch.setattr(batch, "write_json_atomic", full)
    code = main(["run", "--runs", str(runs), "--out", str(tmp_path / "out")])
    assert code == EXIT_ERROR
    assert "No space left on device" in one_error_line(capsys.readouterr().err)


@pytest.mark.parametrize("command", ["count", "sentiment"])
def test_k_count_and_sentiment_before_any_build(tmp_path, capsys, command):
    missing = tmp_path / "processed" / "segments.parquet"
    assert main([command, "--segments", str(missing), "--out", str(tmp_path / "x.csv")]) == EXIT_ERROR
    line = one_error_line(capsys.readouterr().err)
    assert str(missing) in line and "corpuslib build" in line


@pytest.mark.parametrize("command", ["count", "sentiment"])
def test_k_a_segments_file_that_is_not_parquet(tmp_path, capsys, command):
    bogus = tmp_path / "segments.parquet"
    bogus.write_text("doc_id,text\na,b\n")
    assert main([command, "--segments", str(bogus), "--out", str(tmp_path / "x.csv")]) == EXIT_ERROR
    assert "not a readable parquet table" in one_error_line(capsys.readouterr().err)
    with pytest.raises(SegmentsError):
        read_segments(bogus)


def test_k_an_unreachable_dask_scheduler_is_named(corpus, monkeypatch, capsys):
    pytest.importorskip("distributed")
    import corpuslib.parallel as parallel

    raw, manifest, out = corpus
    with socket.socket() as s:  # a port with nobody listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setattr(parallel, "SCHEDULER_TIMEOUT_S", 2.0)
    t0 = time.monotonic()
    code = build_cli(raw, manifest, out, "--engine", "dask", "--scheduler", f"tcp://127.0.0.1:{port}")
    assert code == EXIT_ERROR and time.monotonic() - t0 < 25
    assert "--scheduler" in one_error_line(capsys.readouterr().err)
    assert not (out / "generations").exists() or not any((out / "generations").iterdir())


def test_k_debug_shows_the_traceback(corpus, capsys):
    raw, _, out = corpus
    assert main(["--debug", "build", "--raw", str(raw), "--manifest", str(raw), "--out", str(out)]) == 2
    assert "Traceback" in capsys.readouterr().err


# ---------------------------------------------------------------- (l) silently wrong


def test_l_mixed_utf8_and_cp1252_is_decoded_as_utf8_with_the_strays_repaired(corpus):
    raw, manifest, out = corpus
    data = "Iran’s “deal” — Müller said.\n".encode() * 3 + "Reader’s café\n".encode("cp1252")
    (raw / "mixed.txt").write_bytes(data)
    add_rows(manifest, "mixed,mixed.txt,X")
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8+cp1252" and decoded.repaired == 2
    assert decoded.text.endswith("Reader’s café\n") and "Müller" in decoded.text
    report = build_corpus(raw, manifest, out)
    assert any("mixed.txt" in p and "2 stray byte(s)" in p for p in report.problems)
    docs = pd.read_parquet(out / "docs.parquet").set_index("doc_id")
    assert docs.loc["mixed", "encoding"] == "utf-8+cp1252"


def test_l_a_pure_legacy_page_is_still_detected():
    assert decode_bytes("Müller café – naïve".encode("cp1252")).encoding == "cp1252"
    assert decode_bytes("Привет, как дела? Это тест.".encode("cp1251")).encoding == "cp1251"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_l_utf16_without_bom_is_detected(codec):
    text = "US troops return to Iraq.\nComments (2)\n"
    decoded = decode_bytes(text.encode(codec))
    assert (decoded.encoding, decoded.text) == (codec, text)


def test_l_the_same_file_named_twice_is_an_error(corpus, capsys):
    raw, manifest, out = corpus
    add_rows(manifest, f"again,./{SEED},Dup", f"third,sub/../{SEED},Dup")
    assert build_cli(raw, manifest, out) == 1
    err = capsys.readouterr().err
    assert "row 3" in err and "names the same raw file as row 2" in err and "row 4" in err
    assert set(pd.read_parquet(out / "docs.parquet")["doc_id"]) == {"seed"}


def test_l_a_fifo_is_named_as_a_fifo_and_never_opened(corpus, capsys):
    raw, manifest, out = corpus
    os.mkfifo(raw / "pipe.txt")
    add_rows(manifest, "pipe,pipe.txt,X")
    assert build_cli(raw, manifest, out) == 1  # does not hang on the FIFO
    assert "'pipe.txt' is a FIFO (named pipe), not a regular file" in capsys.readouterr().err


def test_l_a_page_left_out_for_comments_start_is_not_counted_as_built(corpus, capsys):
    raw, manifest, out = corpus
    (raw / "p.txt").write_text("A page about Iran.\n\nAnother paragraph.\n", "utf-8")
    manifest.write_text(
        f"doc_id,file,outlet,comments_start\nseed,{SEED},A,\np,p.txt,B,NOT IN THE PAGE\n", "utf-8"
    )
    assert build_cli(raw, manifest, out) == 1
    captured = capsys.readouterr()
    assert "built 1 documents" in captured.out
    assert "p.txt: not built" in captured.err


def test_raw_files_stay_byte_identical_through_everything(corpus):
    raw, manifest, out = corpus
    os.mkfifo(raw / "pipe.txt")
    (raw / "mixed.txt").write_bytes("Iran’s\n".encode() + "é\n".encode("cp1252"))
    add_rows(manifest, "pipe,pipe.txt,X", "mixed,mixed.txt,X", f"dup,./{SEED},X")
    before = tree_digest(raw)
    modes = {p.name: p.stat().st_mtime_ns for p in raw.iterdir() if p.is_file()}
    build_corpus(raw, manifest, out)
    build_corpus(raw, manifest, out, force=False)
    assert tree_digest(raw) == before
    assert {p.name: p.stat().st_mtime_ns for p in raw.iterdir() if p.is_file()} == modes


# ---------------------------------------------------------------- the four notebooks


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.live: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.lower().startswith("on") or "javascript:" in str(value or "").lower():
                self.live.append(f"<{tag} {name}={value!r}>")
        self._tag = tag

    def handle_data(self, data):
        if getattr(self, "_tag", "") == "script" and "xss" in data:
            self.live.append(f"<script>{data}")


def _scan_output(path: Path) -> list[str]:
    """Live payloads in one output file, judged by the rules of its format."""
    problems: list[str] = []
    suffix = path.suffix.lower()
    if suffix in {".png", ".pdf"}:
        return problems
    text = path.read_text("utf-8", errors="replace")
    if suffix in {".html", ".htm"}:
        parser = _Tags()
        parser.feed(text)
        problems += [f"{path.name}: {p}" for p in parser.live]
    elif suffix == ".svg":
        import xml.etree.ElementTree as ET

        for el in ET.fromstring(text).iter():
            tag = el.tag.rsplit("}", 1)[-1]
            if tag in {"script", "foreignObject"} or any(a.lower().startswith("on") for a in el.attrib):
                problems.append(f"{path.name}: <{tag}>")
    elif suffix == ".csv":
        import csv

        for row in csv.reader(text.splitlines()):
            for cell in row:
                if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
                    try:
                        float(cell)
                    except ValueError:
                        problems.append(f"{path.name}: formula cell {cell[:30]!r}")
    elif suffix == ".tex":
        if "\\input" in text or "\\write18" in text:
            problems.append(f"{path.name}: live LaTeX command")
    elif suffix == ".ipynb":
        nb = json.loads(text)
        for cell in nb["cells"]:
            for out in cell.get("outputs", []):
                md = "".join(out.get("data", {}).get("text/markdown", ""))
                if "<script" in md or "<img" in md:
                    problems.append(f"{path.name}: raw HTML in a Markdown output")
    return problems


@pytest.mark.slow
def test_every_notebook_on_a_corpus_of_payloads_writes_nothing_live(tmp_path, monkeypatch):
    """All four notebooks on a corpus whose every string field carries script and formula payloads."""
    raw = tmp_path / "raw"
    raw.mkdir()
    import csv

    rows = [["doc_id", "file", "outlet", "title", "published", "url", "author"]]
    for i, outlet in enumerate([f"{FORMULA} Outlet", f"{SCRIPT} News", "-Minus @Outlet"]):
        body = "\n\n".join(
            f"Paragraph {k} on Iran and Iraq: {PAYLOAD} The United States and Tehran talked "
            "about troops, sanctions and diplomacy in Baghdad."
            for k in range(4)
        )
        comments = "\n\n".join(
            f"{name} says:\n{PAYLOAD} I think the war in Iraq was a terrible mistake. Great article!"
            for name in ("=cmd|' /C calc'!A0", "<b onmouseover=alert(1)>Bob</b>", "@Eve")
        )
        page = f"{PAYLOAD} Title {i}\n\n{body}\n\n3 Responses\n\n{comments}\n"
        (raw / f"p{i}.txt").write_text(page, "utf-8")
        rows.append([f"p{i}", f"p{i}.txt", outlet, f"{PAYLOAD} Title {i}", f"2020-01-0{i + 1}",
                     "javascript:alert(1)", f"{SCRIPT} Author"])  # fmt: skip
    manifest = tmp_path / "manifest.csv"
    with manifest.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    before = tree_digest(raw)
    runs = tmp_path / "runs.yml"
    runs.write_text(
        "hostile:\n  notebooks:\n"
        + "".join(
            f"    {nb}: {{raw_dir: {json.dumps(str(raw))}, manifest: {json.dumps(str(manifest))}}}\n"
            for nb in ("00_corpus_overview", "01_word_frequency", "02_framing", "03_sentiment")
        ),
        "utf-8",
    )
    monkeypatch.setattr(paths, "PROCESSED_DIR", tmp_path / "processed")
    monkeypatch.setenv("CORPUSLIB_PROCESSED_DIR", str(tmp_path / "processed"))
    result = batch.run_notebooks(
        runs, out_root=tmp_path / "out", notebooks_dir=paths.NOTEBOOKS_DIR, jobs=2, progress=False
    )
    assert result.ok, result.summary()
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert any(p.suffix == ".csv" for p in files) and any(p.suffix == ".html" for p in files)
    problems = [p for f in files for p in _scan_output(f)]
    assert not problems, problems
    # the payload did reach the outputs (escaped), so the scan looked at something
    sentiment_html = (tmp_path / "out" / "hostile" / "notebooks" / "03_sentiment.html").read_text("utf-8")
    assert "&lt;script&gt;" in sentiment_html or "&amp;lt;script" in sentiment_html
    assert tree_digest(raw) == before

"""Tests for corpuslib.batch: runs.yml validation, papermill runs, provenance, skipping.

The notebooks executed here are the two tiny fixtures in tests/data/batch/ (a
figure + tables, and a table only), so the whole file runs in well under a minute.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import textwrap
from pathlib import Path

import nbformat
import pytest

import corpuslib.runs.execute as batch
from corpuslib import paths
from corpuslib.errors import RunConfigError
from corpuslib.files import FileDigests, display_path, sha256_file, write_json_atomic
from corpuslib.runs.config import load_runs
from corpuslib.runs.execute import _Plan, _plan_run, _unchanged, run_notebooks
from corpuslib.runs.parameters import Parameter, read_parameters
from corpuslib.runs.provenance import source_hash

FIXTURES = Path(__file__).parents[1] / "data" / "batch"
RUNS = FIXTURES / "runs.yml"


def write_runs(tmp_path: Path, text: str) -> Path:
    """Write a runs file into tmp_path; its notebooks are looked up in FIXTURES."""
    path = tmp_path / "runs.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def run(runs_file: Path, out_root: Path, **kwargs):
    kwargs.setdefault("notebooks_dir", FIXTURES if runs_file.parent != FIXTURES else None)
    return run_notebooks(
        runs_file, out_root=out_root, prepare_corpus=False, progress=False, **kwargs
    )


def output_files(run_dir: Path) -> dict[str, bytes]:
    """Every figure and table file of a run, by path relative to the run folder."""
    return {
        p.relative_to(run_dir).as_posix(): p.read_bytes()
        for sub in ("figures", "tables")
        for p in sorted((run_dir / sub).rglob("*"))
        if p.is_file()
    }


# --------------------------------------------------------------------------- #
# Parameters and runs.yml validation (no notebook is executed)
# --------------------------------------------------------------------------- #


def test_read_parameters_parses_names_types_defaults_and_help():
    declared = read_parameters(FIXTURES / "table.ipynb")
    assert list(declared) == ["out_dir", "raw_dir", "manifest", "rows", "words", "scale"]
    assert declared["rows"] == Parameter("rows", "int", 3, "3", "rows to keep")
    assert declared["words"].annotation == "list[str]"
    assert declared["words"].default == ["iran", "iraq", "united", "states"]
    assert declared["out_dir"].default == "outputs/interactive"


def test_read_parameters_requires_a_tagged_cell(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    path = tmp_path / "untagged.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(RunConfigError, match="no cell is tagged 'parameters'"):
        read_parameters(path)


@pytest.mark.parametrize(
    ("annotation", "default", "value", "ok"),
    [
        ("int", 1, 5, True),
        ("int", 1, True, False),
        ("int", 1, "5", False),
        ("float", 1.0, 2, True),
        ("float", 1.0, "2", False),
        ("bool", False, True, True),
        ("bool", False, "yes", False),
        ("str", "", "x", True),
        ("str", "", 3, False),
        ("list[str]", [], ["a", "b"], True),
        ("list[str]", [], ["a", 1], False),
        ("list[str]", [], "a", False),
        ("dict[str, str]", {}, {"usa": "us"}, True),
        ("dict[str, str]", {}, {"usa": 1}, False),
        ("str | None", None, None, True),
        ("Optional[int]", None, "x", False),
        ("tuple[int, int]", (1, 1), [1, 2], True),
        ("tuple[int, int]", (1, 1), [1, 2, 3], False),
        ("Literal['vader', 'textblob']", "vader", "textblob", True),
        ("Literal['vader', 'textblob']", "vader", "bert", False),
        ("SomeAlias", None, object(), True),
        (None, 3, 4, True),
        (None, 3, "4", False),
    ],
)
def test_parameter_accepts_checks_yaml_values_against_the_annotation(
    annotation, default, value, ok
):
    assert Parameter("p", annotation, default, repr(default)).accepts(value) is ok


def test_load_runs_reads_the_fixture():
    runs = load_runs(RUNS)
    assert list(runs) == ["small", "broken"]
    small = runs["small"]
    assert list(small.notebooks) == ["plot", "table"]
    assert small.notebooks["plot"].overrides == {"n_points": 4, "label": "four points"}
    assert runs["broken"].notebooks["table"].overrides == {}
    assert small.notebooks["plot"].path == FIXTURES / "plot.ipynb"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "r:\n  notebooks:\n    nope: {}\n",
            r"run 'r', notebook 'nope': unknown notebook.*available: plot, table",
        ),
        (
            "r:\n  notebooks:\n    plot: {n_pointz: 3}\n",
            r"run 'r', notebook 'plot', parameter 'n_pointz': not declared",
        ),
        (
            "r:\n  notebooks:\n    plot: {n_points: five}\n",
            r"run 'r', notebook 'plot', parameter 'n_points': expected int, got str 'five'",
        ),
        (
            "r:\n  notebooks:\n    table: {words: iran}\n",
            r"parameter 'words': expected list\[str\]",
        ),
        (
            "r:\n  notebooks:\n    plot: {out_dir: elsewhere}\n",
            r"parameter 'out_dir': is set by the runner",
        ),
        (
            "r:\n  notebooks: {plot: {}}\nr:\n  notebooks: {table: {}}\n",
            r"duplicate key 'r' on line 3 \(first on line 1\)",
        ),
        (
            "r:\n  notebooks:\n    plot: {n_points: 1, n_points: 2}\n",
            r"duplicate key 'n_points'",
        ),
        ("r:\n  notebook:\n    plot: {}\n", r"run 'r': unknown key\(s\) notebook"),
        ("../evil:\n  notebooks: {plot: {}}\n", r"run '../evil': run names must match"),
        ("r: [plot\n", r"not valid YAML"),
        ("- plot\n", r"expected a mapping of run names"),
    ],
)
def test_load_runs_rejects_bad_files_naming_the_culprit(tmp_path, text, message):
    path = write_runs(tmp_path, text)
    with pytest.raises(RunConfigError, match=message):
        load_runs(path, notebooks_dir=FIXTURES)


def test_project_runs_file_matches_the_notebooks():
    """notebooks/runs.yml is valid against the committed notebooks; default runs them all."""
    runs = load_runs(paths.RUNS_FILE)
    assert {"default", "authors_only", "with_quotations", "lemmatized"} <= set(runs)
    committed = sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
    assert sorted(runs["default"].notebooks) == committed
    assert all(not nb.overrides for nb in runs["default"].notebooks.values())


def test_undeclared_parameter_gets_a_suggestion(tmp_path):
    path = write_runs(tmp_path, "r:\n  notebooks:\n    table: {rowz: 1}\n")
    with pytest.raises(RunConfigError, match="did you mean 'rows'"):
        load_runs(path, notebooks_dir=FIXTURES)


def test_load_runs_reports_every_problem_at_once(tmp_path):
    path = write_runs(
        tmp_path,
        """
        a:
          notebooks:
            nope: {}
        b:
          notebooks:
            table: {rowz: 1}
        """,
    )
    with pytest.raises(RunConfigError) as info:
        load_runs(path, notebooks_dir=FIXTURES)
    text = str(info.value)
    assert "2 problem(s)" in text
    assert "run 'a', notebook 'nope'" in text
    assert "run 'b', notebook 'table', parameter 'rowz'" in text


def test_invalid_runs_file_runs_nothing(tmp_path):
    path = write_runs(tmp_path, "r:\n  notebooks:\n    table: {rows: many}\n")
    out = tmp_path / "out"
    with pytest.raises(RunConfigError, match="parameter 'rows'"):
        run(path, out)
    assert not out.exists()


def test_only_must_name_a_defined_run(tmp_path):
    with pytest.raises(RunConfigError, match=r"no run named 'nope' \(defined: small, broken\)"):
        run(RUNS, tmp_path, only="nope")


def test_jobs_must_be_positive(tmp_path):
    with pytest.raises(RunConfigError, match="--jobs"):
        run(RUNS, tmp_path, jobs=0)


def test_prepare_corpus_builds_once_per_corpus_and_reads_no_segments(monkeypatch):
    """The runner only hands paths to the kernels: it makes sure each corpus is built
    (once, however many notebooks use it) and never loads its segments table."""
    import corpuslib.corpus.build as build

    def refuse(*args, **kwargs):
        raise AssertionError("the runner read the segments table")

    calls = []
    monkeypatch.setattr(build, "read_segments", refuse)
    monkeypatch.setattr(build, "load_segments", refuse)
    monkeypatch.setattr(batch, "built_folder", lambda *args: calls.append(args))
    spec = load_runs(RUNS)["small"]
    params = {"a": {"raw_dir": "", "manifest": ""}, "b": {"raw_dir": "", "manifest": ""},
              "c": {"raw_dir": "data/raw", "manifest": ""}}  # fmt: skip
    batch._prepare_corpus([_Plan(spec, Path("unused"), params, {}, "")])
    assert calls == [(None, None), (paths.project_path("data/raw", paths.RAW_DIR), None)]


# --------------------------------------------------------------------------- #
# Executing the fixture notebooks
# --------------------------------------------------------------------------- #


@pytest.fixture(scope="module")
def small_twice(tmp_path_factory):
    """Run 'small' into two output roots: sequentially, then with two worker processes."""
    first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    result_1 = run(RUNS, first, only="small", force=True, jobs=1)
    result_2 = run(RUNS, second, only="small", force=True, jobs=2)
    return first / "small", second / "small", result_1, result_2


@pytest.mark.slow
def test_run_writes_notebooks_figures_tables_and_report(small_twice):
    run_dir, _, result, _ = small_twice
    assert result.ok, result.summary()
    assert [r.status for r in result.runs] == ["ok"]
    assert sorted(p.name for p in (run_dir / "notebooks").glob("*.ipynb")) == [
        "plot.ipynb",
        "table.ipynb",
    ]
    assert {p.name for p in (run_dir / "figures").iterdir()} >= {
        "squares-line.pdf",
        "squares-line.svg",
        "squares-line.png",
    }
    assert {p.name for p in (run_dir / "tables").iterdir()} == {
        "squares.csv",
        "squares.tex",
        "word-lengths.csv",
    }
    # The overrides reached the kernel: 4 points, 2 rows scaled by 2.
    assert (run_dir / "tables" / "squares.csv").read_text().count("\n") == 5
    assert (run_dir / "tables" / "word-lengths.csv").read_text() == "word,length\niran,8\niraq,8\n"
    executed = nbformat.read(run_dir / "notebooks" / "plot.ipynb", as_version=4)
    injected = [c for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1 and "n_points = 4" in injected[0].source
    assert "small: ok, 2/2 notebooks ok" in result.summary()


@pytest.mark.slow
def test_parallel_run_gives_byte_identical_figures_and_tables(small_twice):
    first, second, _, result_2 = small_twice
    assert result_2.ok, result_2.summary()
    files_1, files_2 = output_files(first), output_files(second)
    assert len(files_1) >= 6
    assert files_1.keys() == files_2.keys()
    different = [name for name in files_1 if files_1[name] != files_2[name]]
    assert different == []


@pytest.mark.slow
def test_run_json_records_inputs_parameters_versions_and_status(small_twice):
    run_dir, _, _, _ = small_twice
    record = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    assert record["run"] == "small"
    assert record["status"] == "ok"
    assert re.fullmatch(r"[0-9a-f]{64}", record["fingerprint"])
    assert record["started"] <= record["finished"]
    # parameters: every declared one, overrides applied, out_dir injected
    plot = record["parameters"]["plot"]
    assert plot["n_points"] == 4 and plot["label"] == "four points"
    assert plot["raw_dir"] == "" and plot["out_dir"] == run_dir.resolve().as_posix()
    assert record["overrides"]["table"] == {"rows": 2, "words": ["iran", "iraq", "us"], "scale": 2}
    # inputs: sha256 of every raw file, the manifest, every lexicon and notebook
    inputs = record["inputs"]
    raw = sorted(p for p in paths.RAW_DIR.iterdir() if p.is_file())
    # (the tests run on a private copy of the seed corpus: see conftest.py)
    assert inputs["raw"] == {display_path(p): sha256_file(p) for p in raw}
    # the manifest always exists (conftest.py writes it), so the run must have hashed it
    assert paths.MANIFEST.is_file(), f"{paths.MANIFEST} is missing"
    assert inputs["manifest"] == {display_path(paths.MANIFEST): sha256_file(paths.MANIFEST)}
    lexicons = sorted(paths.LEXICON_DIR.glob("*.yml"))
    assert inputs["lexicons"] == {f"data/lexicons/{p.name}": sha256_file(p) for p in lexicons}
    assert inputs["notebooks"] == {
        "tests/data/batch/plot.ipynb": sha256_file(FIXTURES / "plot.ipynb"),
        "tests/data/batch/table.ipynb": sha256_file(FIXTURES / "table.ipynb"),
    }
    assert re.fullmatch(r"[0-9a-f]{64}", inputs["corpuslib_source"])
    env = record["environment"]
    assert env["corpuslib"] and env["packages"]["papermill"] and env["packages"]["pandas"]
    assert "commit" in env["git"]
    assert [(n["notebook"], n["status"], n["error"]) for n in record["notebooks"]] == [
        ("plot", "ok", None),
        ("table", "ok", None),
    ]
    assert all(n["duration_s"] > 0 for n in record["notebooks"])
    assert record["source_date_epoch"]


@pytest.mark.slow
def test_figures_and_tables_carry_no_timestamp(small_twice):
    run_dir, _, _, _ = small_twice
    record = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    day = record["started"][:10].encode()
    for name, data in output_files(run_dir).items():
        assert day not in data, name
        assert b"CreationDate" not in data, name


@pytest.mark.slow
def test_report_lists_every_figure_and_table_of_the_run(small_twice):
    run_dir, _, result, _ = small_twice
    index = result.runs[0].report
    assert index == run_dir / "index.html"
    page = index.read_text(encoding="utf-8")
    for path in (run_dir / "figures").iterdir():
        if not path.name.endswith(".caption.txt"):
            assert f'"figures/{path.name}"' in page, path.name
    for path in (run_dir / "tables").iterdir():
        assert f'"tables/{path.name}"' in page, path.name
    for stem in ("plot", "table"):
        assert f'"notebooks/{stem}.html"' in page
        assert (run_dir / "notebooks" / f"{stem}.html").is_file()
    assert "Squares of the first integers" in page  # figures/<name>.caption.txt
    assert "Squares &amp; roots" in page  # \caption{} of the .tex
    assert "Word lengths" in page  # readable file name


@pytest.mark.slow
def test_failing_notebook_keeps_partial_copy_and_others_finish(tmp_path, monkeypatch, capsys):
    from corpuslib.cli import main

    monkeypatch.setattr(batch, "_prepare_corpus", lambda plans: None)
    code = main(["run", "--runs", str(RUNS), "--only", "broken", "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 1
    run_dir = tmp_path / "broken"
    # the failing notebook: partial executed copy with the error, summarised
    partial = nbformat.read(run_dir / "notebooks" / "plot.ipynb", as_version=4)
    errors = [
        o
        for c in partial.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert errors and errors[0]["ename"] == "ValueError"
    assert "broken/plot" in out and "ValueError: n_points must be positive, got 0" in out
    assert "if n_points < 1:" in out
    assert not (run_dir / "figures" / "squares-line.png").exists()
    # the other notebook still ran to the end
    assert (run_dir / "tables" / "word-lengths.csv").is_file()
    record = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    assert record["status"] == "failed"
    statuses = {n["notebook"]: n for n in record["notebooks"]}
    assert statuses["table"]["status"] == "ok"
    assert statuses["plot"]["status"] == "failed"
    assert statuses["plot"]["error"]["ename"] == "ValueError"
    assert statuses["plot"]["error"]["execution_count"] == 5
    assert "raise ValueError" in statuses["plot"]["error"]["cell_source"]
    assert "ValueError" in (run_dir / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_unchanged_runs_are_skipped_until_forced_or_changed(tmp_path, monkeypatch):
    # corpuslib's own source is an input too; pin it so edits elsewhere cannot interfere
    monkeypatch.setattr(batch, "source_hash", lambda: "pinned")
    text = "one:\n  notebooks:\n    table: {rows: 1}\n"
    runs_file = write_runs(tmp_path, text)
    out = tmp_path / "out"
    first = run(runs_file, out)
    assert [r.status for r in first.runs] == ["ok"] and first.ok
    record_1 = (out / "one" / "run.json").read_bytes()

    # unchanged inputs and a successful last run: skipped, nothing rewritten
    second = run(runs_file, out)
    assert [r.status for r in second.runs] == ["skipped"] and second.ok
    assert (out / "one" / "run.json").read_bytes() == record_1
    assert "one: skipped" in second.summary()

    # force reruns, and clears stale outputs of the previous execution
    stale = out / "one" / "tables" / "stale.csv"
    stale.write_text("old\n")
    third = run(runs_file, out, force=True)
    assert [r.status for r in third.runs] == ["ok"]
    assert not stale.exists()
    assert (out / "one" / "run.json").read_bytes() != record_1

    # a changed parameter is a changed input
    write_runs(tmp_path, text.replace("rows: 1", "rows: 2"))
    fourth = run(runs_file, out)
    assert [r.status for r in fourth.runs] == ["ok"]
    assert (out / "one" / "tables" / "word-lengths.csv").read_text().count("\n") == 3


@pytest.mark.slow
def test_only_successful_runs_are_skipped(small_twice, tmp_path):
    """Same fingerprint: a run whose last status is ok is skipped, a failed one is not."""
    run_dir = small_twice[0]
    spec = load_runs(RUNS)["small"]
    recorded = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    plan = _Plan(spec, run_dir, {}, {}, recorded["fingerprint"])
    assert _unchanged(plan)
    copy = tmp_path / "small"
    shutil.copytree(run_dir, copy)
    plan.run_dir = copy
    recorded["status"] = "failed"
    recorded["notebooks"][0]["status"] = "failed"
    (copy / "run.json").write_text(json.dumps(recorded), encoding="utf-8")
    assert not _unchanged(plan)
    plan.fingerprint = "0" * 64
    recorded["status"] = "ok"
    recorded["notebooks"][0]["status"] = "ok"
    (copy / "run.json").write_text(json.dumps(recorded), encoding="utf-8")
    assert not _unchanged(plan)


@pytest.mark.slow
def test_changed_notebook_is_a_changed_input(tmp_path):
    """A copy of the fixture notebooks: editing one changes the run's fingerprint."""
    nb_dir = tmp_path / "nbs"
    nb_dir.mkdir()
    shutil.copy(FIXTURES / "table.ipynb", nb_dir / "table.ipynb")
    runs_file = nb_dir / "runs.yml"
    runs_file.write_text("only_table:\n  notebooks: [table]\n", encoding="utf-8")
    env = {"python": "x", "packages": {}, "corpuslib_source": "s"}
    spec = load_runs(runs_file)["only_table"]
    digests = FileDigests(tmp_path / "digests.json")  # one memo: it must notice the edit
    before = _plan_run(spec, tmp_path / "out", env, digests).fingerprint
    nb = nbformat.read(nb_dir / "table.ipynb", as_version=4)
    nb.cells[0].source += "\n\nEdited."
    nbformat.write(nb, nb_dir / "table.ipynb")
    spec = load_runs(runs_file)["only_table"]
    after = _plan_run(spec, tmp_path / "out", env, digests).fingerprint
    assert before != after


def test_source_hash_changes_with_any_source_file(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text("x = 1\n")
    (pkg / "style.mplstyle").write_text("font.size: 8\n")
    before = source_hash(pkg)
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"junk")
    assert source_hash(pkg) == before
    (pkg / "style.mplstyle").write_text("font.size: 9\n")
    assert source_hash(pkg) != before


def test_write_json_atomic_replaces_whole_file(tmp_path):
    target = tmp_path / "run.json"
    write_json_atomic(target, {"a": 1})
    write_json_atomic(target, {"b": [1, 2]})
    assert json.loads(target.read_text()) == {"b": [1, 2]}
    assert [p.name for p in tmp_path.iterdir()] == ["run.json"]


@pytest.mark.slow
def test_kernels_talk_over_private_unix_sockets_not_tcp(tmp_path):
    """No open TCP ports and no per-notebook 'running over TCP without encryption' warning."""
    from corpuslib.runs.execute import _execute_task

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell(
            "from ipykernel.connect import get_connection_info\n"
            "print(get_connection_info(unpack=True)['transport'])"
        )
    ]
    source, target = tmp_path / "t.ipynb", tmp_path / "t.out.ipynb"
    nbformat.write(nb, source)
    task = {
        "run": "r", "notebook": "t", "input": str(source), "output": str(target),
        "parameters": {}, "kernel_name": "python3", "cwd": str(tmp_path), "timeout": 120,
    }  # fmt: skip
    result = _execute_task(task)
    assert result["status"] == "ok", result["error"]
    executed = nbformat.read(target, as_version=4)
    assert executed.cells[0].outputs[0]["text"].strip() == ("tcp" if os.name == "nt" else "ipc")


def test_kernel_config_keeps_tcp_when_the_socket_path_would_be_too_long():
    from corpuslib.runs.execute import _kernel_config

    short = _kernel_config("/tmp/corpuslib-kernel-abc")
    long = _kernel_config("/tmp/" + "deep/" * 20)
    if os.name != "nt":
        assert short.KernelManager.transport == "ipc"
    assert "transport" not in long.get("KernelManager", {})


@pytest.mark.slow
def test_kernel_shutdown_prints_no_keyboard_interrupt(tmp_path, capfd):
    """jupyter_client interrupts a kernel before shutting it down, and the kernel logged
    "KeyboardInterrupt caught in kernel" after every notebook; the runner's kernel manager
    shuts down without the interrupt."""
    papermill = pytest.importorskip("papermill")
    for i in range(2):
        papermill.execute_notebook(
            str(FIXTURES / "table.ipynb"), str(tmp_path / f"out{i}.ipynb"), cwd=str(tmp_path),
            progress_bar=False, config=batch._kernel_config(str(tmp_path)),
            kernel_manager_class=batch._quiet_kernel_manager(),
        )  # fmt: skip
    captured = capfd.readouterr()
    assert "KeyboardInterrupt" not in captured.err + captured.out


def test_kernel_environment_sets_defaults_unless_given_and_restores(monkeypatch):
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    monkeypatch.setenv("PYTHONHASHSEED", "7")
    with batch._kernel_environment():
        assert os.environ["ARROW_DEFAULT_MEMORY_POOL"] == "system"  # allocator that gives memory back
        assert os.environ["MALLOC_MMAP_THRESHOLD_"] == "131072"  # freed columns go back to the system
        assert os.environ["PYTHONHASHSEED"] == "7"  # the caller's own value wins
    assert "ARROW_DEFAULT_MEMORY_POOL" not in os.environ and os.environ["PYTHONHASHSEED"] == "7"
    assert "MALLOC_MMAP_THRESHOLD_" not in os.environ
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "mimalloc")
    with batch._kernel_environment():
        assert os.environ["ARROW_DEFAULT_MEMORY_POOL"] == "mimalloc"

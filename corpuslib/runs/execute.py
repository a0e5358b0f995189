"""Batch execution: run the notebooks of each named parameter set with papermill.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corpuslib.corpus.build import built_folder
from corpuslib.runs.config import RunSpec, load_runs
from corpuslib.runs.report import write_report

if TYPE_CHECKING:
    from traitlets.config import Config

import contextlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpuslib import paths
from corpuslib.errors import OutputError, RunConfigError
from corpuslib.files import (
    FileDigests,
    display_path,
    exclusive_lock,
    hash_files,
    list_files,
    sha256_json,
    write_json_atomic,
)
from corpuslib.runs.provenance import environment_info, source_hash

__all__ = [
    "DEFAULT_SOURCE_DATE_EPOCH",
    "KERNEL_ALLOCATOR",
    "run_notebooks",
    "NotebookResult",
    "RunOutcome",
    "RunResult",
]


#: ``SOURCE_DATE_EPOCH`` given to kernels when the environment has none
#: (1980-01-01, the earliest date every archive format can store).
DEFAULT_SOURCE_DATE_EPOCH = "315532800"


#: Environment of the kernels unless the caller's sets these. Arrow's default allocator
#: (mimalloc) keeps memory that pandas' arrow-backed strings freed; the system
#: allocator gives more of it back (10,000 pages: loading the segments 231 -> 157 MB,
#: a selection of them 104 -> 64 MB). glibc's malloc raises its mmap threshold to the
#: size of each large block freed (up to 32 MB), after which the columns and arrays of
#: a large table come from the heap, where a freed one stays part of the process;
#: ``MALLOC_MMAP_THRESHOLD_`` fixes it at its initial 128 KiB, so a freed column goes
#: back to the system (10,000 pages, sentiment scoring of notebook 03: 772 -> 678 MB).
#: Results do not depend on the allocator.
KERNEL_ALLOCATOR = {"ARROW_DEFAULT_MEMORY_POOL": "system", "MALLOC_MMAP_THRESHOLD_": "131072"}
_KERNEL_DEFAULTS = {"PYTHONHASHSEED": "0", **KERNEL_ALLOCATOR}


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


_TRACEBACK_LINES = 40


@dataclass
class NotebookResult:
    """Outcome of executing one notebook.

    Attributes
    ----------
    run, notebook : str
        Run and notebook names.
    status : str
        ``"ok"`` or ``"failed"``.
    output : Path
        The executed (possibly partial) notebook.
    duration_s : float
        Wall time.
    started, finished : str
        ISO 8601 UTC timestamps.
    error : dict or None
        ``ename``, ``evalue``, ``cell_index``, ``execution_count``, ``cell_source``
        and ``traceback`` of the failure.
    """

    run: str
    notebook: str
    status: str
    output: Path
    duration_s: float = 0.0
    started: str = ""
    finished: str = ""
    error: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        """Whether the notebook ran to the end without an error."""
        return self.status == "ok"

    def describe_error(self) -> str:
        """Return a short, multi-line description of the failure ('' if none)."""
        if not self.error:
            return ""
        err = self.error
        lines = [f"{err.get('ename')}: {err.get('evalue')}"]
        if err.get("execution_count") is not None or err.get("cell_source"):
            count = err.get("execution_count")
            first = (err.get("cell_source") or "").strip().splitlines()
            snippet = first[0] if first else ""
            lines.append(f"in cell In [{count if count is not None else ' '}]: {snippet}")
        return "\n".join(lines)


@dataclass
class RunOutcome:
    """Outcome of one named run.

    Attributes
    ----------
    name : str
        Run name.
    run_dir : Path
        ``outputs/<run>/``.
    status : str
        ``"ok"``, ``"failed"`` or ``"skipped"`` (inputs unchanged since a successful run).
    notebooks : list of NotebookResult
        Empty when skipped.
    report : Path or None
        The ``index.html`` written for the run.
    problems : list of str
        Problems outside the notebooks (e.g. the report could not be written).
    """

    name: str
    run_dir: Path
    status: str
    notebooks: list[NotebookResult] = field(default_factory=list)
    report: Path | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every notebook succeeded (or the run was skipped) and nothing else failed."""
        return self.status in {"ok", "skipped"} and not self.problems


@dataclass
class RunResult:
    """What :func:`run_notebooks` did, run by run."""

    runs: list[RunOutcome]

    @property
    def ok(self) -> bool:
        """Whether every run succeeded or was skipped."""
        return all(run.ok for run in self.runs)

    @property
    def failures(self) -> list[NotebookResult]:
        """Every notebook that failed, across runs."""
        return [nb for run in self.runs for nb in run.notebooks if not nb.ok]

    def summary(self) -> str:
        """Return a human-readable summary, failures with their errors last."""
        lines: list[str] = []
        for run in self.runs:
            where = display_path(run.run_dir)
            if run.status == "skipped":
                lines.append(
                    f"{run.name}: skipped, inputs unchanged since the last successful run "
                    f"({where}; use --force to rerun)"
                )
                if (run.run_dir / "index.html").exists():
                    lines.append(f"    report: {display_path(run.run_dir / 'index.html')}")
                continue
            n_ok = sum(nb.ok for nb in run.notebooks)
            total = sum(nb.duration_s for nb in run.notebooks)
            state = "ok" if run.ok else "FAILED"
            lines.append(
                f"{run.name}: {state}, {n_ok}/{len(run.notebooks)} notebooks ok "
                f"({total:.1f} s of notebook time) -> {where}"
            )
            if run.report is not None:
                lines.append(f"    report: {display_path(run.report)}")
            for problem in run.problems:
                lines.append(f"    problem: {problem}")
        failures = self.failures
        if failures:
            lines.append("")
            lines.append(f"{len(failures)} notebook(s) failed:")
            for nb in failures:
                lines.append(f"  {nb.run}/{nb.notebook}:")
                for line in nb.describe_error().splitlines():
                    lines.append(f"      {line}")
                if nb.output.exists():
                    lines.append(f"      partial notebook: {display_path(nb.output)}")
        return "\n".join(lines)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _seconds_between(start: str, end: str) -> float | None:
    try:
        return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
    except ValueError:
        return None


def _strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


# Unix socket paths are limited to 104 bytes (macOS) or 108 (Linux); the kernel
# adds "-<port>" to the base path.
_MAX_SOCKET_BASE = 90


def _kernel_config(socket_dir: str) -> Config:
    """Kernel configuration: Unix-domain sockets in ``socket_dir`` (a private folder).

    The default TCP transport opens local ports and makes every kernel print a
    "running over TCP without encryption" warning. Windows (no IPC transport)
    and a temporary folder whose path is too long for a socket keep TCP.
    """
    from traitlets.config import Config

    base = os.path.join(socket_dir, "kernel")
    if os.name == "nt" or len(base.encode()) > _MAX_SOCKET_BASE:
        return Config()
    return Config({"KernelManager": {"transport": "ipc", "ip": base}})


def _quiet_kernel_manager() -> type:
    """A kernel manager that does not interrupt a kernel it is about to shut down.

    jupyter_client's ``shutdown_kernel`` sends SIGINT before its ``shutdown_request``;
    the idle kernel catches that KeyboardInterrupt in its event loop and logs
    ``[IPKernelApp] ERROR | KeyboardInterrupt caught in kernel`` to the terminal
    after every notebook. The shutdown request alone ends a kernel that has finished
    its cells (and a kernel that does not answer is still terminated, then killed,
    by ``finish_shutdown``). Interrupts at any other time are unchanged.
    """
    from jupyter_client.manager import AsyncKernelManager

    class QuietShutdownKernelManager(AsyncKernelManager):
        async def _async_interrupt_kernel(self) -> None:
            if self.shutting_down:
                return
            await super()._async_interrupt_kernel()

        interrupt_kernel = _async_interrupt_kernel

    return QuietShutdownKernelManager


def _execute_task(task: dict[str, Any]) -> dict[str, Any]:
    """Execute one notebook with papermill; never raises (runs in worker processes)."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    started = _now()
    t0 = time.perf_counter()
    error: dict[str, Any] | None = None
    # load_runs already checked the parameters more strictly than papermill's own
    # line parser, whose warnings ("Unable to parse line", "Passed unknown parameter")
    # would only be noise here.
    pm_logger = logging.getLogger("papermill")
    level = pm_logger.level
    pm_logger.setLevel(logging.ERROR)
    try:
        with tempfile.TemporaryDirectory(prefix="corpuslib-kernel-") as sockets:
            papermill.execute_notebook(
                task["input"],
                task["output"],
                parameters=task["parameters"],
                kernel_name=task["kernel_name"],
                cwd=task["cwd"],
                progress_bar=False,
                log_output=False,
                execution_timeout=task["timeout"],
                config=_kernel_config(sockets),
                kernel_manager_class=_quiet_kernel_manager(),
            )
    except PapermillExecutionError as exc:
        trace = [_strip_ansi(line) for line in (exc.traceback or [])]
        error = {
            "ename": exc.ename,
            "evalue": _strip_ansi(str(exc.evalue)),
            "cell_index": exc.cell_index,
            "execution_count": exc.exec_count,
            "cell_source": exc.source,
            "traceback": "\n".join(trace).splitlines()[-_TRACEBACK_LINES:],
        }
    except Exception as exc:  # kernel died, timeout, unreadable notebook, ...
        error = {
            "ename": type(exc).__name__,
            "evalue": _strip_ansi(str(exc)),
            "cell_index": None,
            "execution_count": None,
            "cell_source": None,
            "traceback": [],
        }
    finally:
        pm_logger.setLevel(level)
    return {
        "run": task["run"],
        "notebook": task["notebook"],
        "status": "failed" if error else "ok",
        "output": task["output"],
        "duration_s": round(time.perf_counter() - t0, 3),
        "started": started,
        "finished": _now(),
        "error": error,
    }


@contextlib.contextmanager
def _kernel_environment() -> Iterator[str]:
    """Set ``SOURCE_DATE_EPOCH``, ``PYTHONHASHSEED`` and the allocator variables
    (:data:`KERNEL_ALLOCATOR`) for kernels (unless set), then restore."""
    saved = {k: os.environ.get(k) for k in (*_KERNEL_DEFAULTS, "SOURCE_DATE_EPOCH")}
    os.environ.setdefault("SOURCE_DATE_EPOCH", DEFAULT_SOURCE_DATE_EPOCH)
    for key, value in _KERNEL_DEFAULTS.items():
        os.environ.setdefault(key, value)
    try:
        yield os.environ["SOURCE_DATE_EPOCH"]
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _failed_task(task: dict[str, Any], ename: str, evalue: str) -> dict[str, Any]:
    return {
        "run": task["run"],
        "notebook": task["notebook"],
        "status": "failed",
        "output": task["output"],
        "duration_s": 0.0,
        "started": "",
        "finished": _now(),
        "error": {
            "ename": ename,
            "evalue": evalue,
            "cell_index": None,
            "execution_count": None,
            "cell_source": None,
            "traceback": [],
        },
    }


_WORKER_CODE = (
    "import sys; from corpuslib.runs.execute import _worker_main; sys.exit(_worker_main(sys.argv[1:]))"
)


def _worker_main(argv: list[str]) -> int:
    """Entry point of a worker process: execute the task in argv[0], result to argv[1]."""
    task = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    result = _execute_task(task)
    Path(argv[1]).write_text(json.dumps(result), encoding="utf-8")
    return 0


def _execute_in_subprocess(task: dict[str, Any]) -> dict[str, Any]:
    """Execute one task in a fresh Python process (so any caller can run tasks in parallel).

    A separate interpreter rather than multiprocessing: it needs no ``__main__`` guard
    in the caller's script, and a crashing kernel or worker cannot take the parent down.
    """
    with tempfile.TemporaryDirectory(prefix="corpuslib-task-") as tmp:
        task_file, result_file = Path(tmp) / "task.json", Path(tmp) / "result.json"
        task_file.write_text(json.dumps(task), encoding="utf-8")
        try:
            proc = subprocess.run(
                [sys.executable, "-c", _WORKER_CODE, str(task_file), str(result_file)],
                cwd=task["cwd"],
                capture_output=True,
                text=True,
                check=False,
            )
        except OSError as exc:
            return _failed_task(task, type(exc).__name__, str(exc))
        if result_file.is_file():
            return json.loads(result_file.read_text(encoding="utf-8"))
        tail = " | ".join((proc.stderr or "").strip().splitlines()[-5:])
        return _failed_task(task, "WorkerError", f"exit status {proc.returncode}: {tail}")


def _execute_all(tasks: list[dict[str, Any]], *, jobs: int, progress: bool) -> list[dict]:
    """Execute tasks in this process (jobs=1) or in ``jobs`` parallel worker processes."""
    from tqdm.auto import tqdm

    results: dict[int, dict[str, Any]] = {}
    with tqdm(total=len(tasks), desc="notebooks", unit="nb", disable=not progress) as bar:
        if jobs <= 1 or len(tasks) <= 1:
            for i, task in enumerate(tasks):
                bar.set_postfix_str(f"{task['run']}/{task['notebook']}")
                results[i] = _execute_task(task)
                bar.update()
        else:
            with ThreadPoolExecutor(max_workers=min(jobs, len(tasks))) as pool:
                futures = {
                    pool.submit(_execute_in_subprocess, task): i for i, task in enumerate(tasks)
                }
                for future in as_completed(futures):
                    i = futures[future]
                    try:
                        results[i] = future.result()
                    except Exception as exc:  # a bug in the dispatch itself
                        results[i] = _failed_task(tasks[i], type(exc).__name__, str(exc))
                    bar.set_postfix_str(f"{tasks[i]['run']}/{tasks[i]['notebook']}")
                    bar.update()
    return [results[i] for i in range(len(tasks))]


def _out_dir_parameter(run_dir: Path) -> str:
    try:
        return run_dir.resolve().relative_to(paths.PROJECT_ROOT.resolve()).as_posix()
    except ValueError:
        return run_dir.resolve().as_posix()


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_jsonable(v) for v in value), key=repr)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


@dataclass
class _Plan:
    spec: RunSpec
    run_dir: Path
    parameters: dict[str, dict[str, Any]]
    inputs: dict[str, Any]
    fingerprint: str


def _plan_run(
    spec: RunSpec, out_root: Path, env: dict[str, Any], digests: FileDigests
) -> _Plan:
    run_dir = out_root / spec.name
    out_dir = _out_dir_parameter(run_dir)
    parameters: dict[str, dict[str, Any]] = {}
    raw_files: list[Path] = []
    manifests: list[Path] = []
    parameter_files: list[Path] = []
    for nb in spec.notebooks.values():
        values = _jsonable(nb.effective_parameters(out_dir))
        parameters[nb.name] = values
        raw_files += list_files(paths.project_path(str(values.get("raw_dir") or ""), paths.RAW_DIR))
        manifests.append(paths.project_path(str(values.get("manifest") or ""), paths.MANIFEST))
        if "exclude" in values:
            parameter_files.append(paths.project_path(str(values["exclude"] or ""), paths.EXCLUDE))
        for name, value in values.items():
            if (
                name in {"out_dir", "raw_dir", "manifest", "exclude"}
                or not isinstance(value, str)
                or not value
            ):
                continue
            candidate = paths.project_path(value, paths.PROJECT_ROOT)
            with contextlib.suppress(OSError):
                if candidate.is_file():
                    parameter_files.append(candidate)
    inputs = {
        "raw": hash_files(sorted(set(raw_files)), digests=digests),
        "manifest": hash_files(sorted(set(manifests)), digests=digests),
        "lexicons": hash_files(
            list_files(paths.LEXICON_DIR, patterns=("*.yml", "*.yaml")), digests=digests
        ),
        "parameter_files": hash_files(sorted(set(parameter_files)), digests=digests),
        "notebooks": hash_files([nb.path for nb in spec.notebooks.values()], digests=digests),
        "corpuslib_source": env["corpuslib_source"],
    }
    fingerprint = sha256_json(
        {
            "inputs": inputs,
            "parameters": parameters,
            "python": env["python"],
            "packages": env["packages"],
        }
    )
    return _Plan(spec, run_dir, parameters, inputs, fingerprint)


def _previous_record(run_dir: Path) -> dict[str, Any] | None:
    try:
        record = json.loads((run_dir / "run.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def _unchanged(plan: _Plan) -> bool:
    """Whether the last run.json has this fingerprint, succeeded, was completed and its outputs exist.

    A run marks itself ``complete: false`` before touching its outputs and
    ``complete: true`` only after its report is written, so a run killed half-way
    (or an older run.json without the mark) is never taken as up to date.
    """
    record = _previous_record(plan.run_dir)
    if not record or record.get("fingerprint") != plan.fingerprint or record.get("status") != "ok":
        return False
    if record.get("complete") is not True or not (plan.run_dir / "index.html").is_file():
        return False
    expected = {nb.name for nb in plan.spec.notebooks.values()}
    entries = {e.get("notebook"): e for e in record.get("notebooks", []) if isinstance(e, dict)}
    if set(entries) != expected:
        return False
    return all(
        entries[name].get("status") == "ok"
        and (plan.run_dir / "notebooks" / f"{name}.ipynb").is_file()
        for name in expected
    )


def _reset_run_dir(run_dir: Path) -> None:
    """Remove the generated parts of a previous execution so nothing stale is reported."""
    for sub in ("notebooks", "figures", "tables"):
        target = run_dir / sub
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        target.mkdir(parents=True, exist_ok=True)
    (run_dir / "index.html").unlink(missing_ok=True)


def _prepare_corpus(plans: list[_Plan]) -> None:
    """Build the processed corpus once per (raw_dir, manifest) before notebooks start.

    Parallel notebooks would otherwise race to write the same on-disk cache. Only the
    built folder is made sure of: the runner hands paths to the kernels and never
    reads the segments table itself.
    """

    seen: set[tuple[str, str]] = set()
    for plan in plans:
        for values in plan.parameters.values():
            raw = str(values.get("raw_dir") or "")
            manifest = str(values.get("manifest") or "")
            if (raw, manifest) in seen:
                continue
            seen.add((raw, manifest))
            built_folder(
                paths.project_path(raw, paths.RAW_DIR) if raw else None,
                paths.project_path(manifest, paths.MANIFEST) if manifest else None,
            )


def _select(runs: dict[str, RunSpec], only: str | None, runs_file: Path) -> list[RunSpec]:
    if not only:
        return list(runs.values())
    names = [n.strip() for n in only.split(",") if n.strip()]
    unknown = [n for n in names if n not in runs]
    if unknown:
        raise RunConfigError(
            f"{display_path(runs_file)}: no run named {', '.join(map(repr, unknown))} "
            f"(defined: {', '.join(runs)})"
        )
    return [runs[n] for n in dict.fromkeys(names)]


def _run_record(
    plan: _Plan,
    results: list[NotebookResult],
    env: dict[str, Any],
    *,
    command: dict[str, Any],
    source_date_epoch: str,
) -> dict[str, Any]:
    started = min((r.started for r in results if r.started), default="")
    finished = max((r.finished for r in results if r.finished), default="")
    return {
        "run": plan.spec.name,
        "description": plan.spec.description,
        "status": "ok" if all(r.ok for r in results) else "failed",
        "started": started,
        "finished": finished,
        "wall_time_s": _seconds_between(started, finished),
        "notebook_time_s": round(sum(r.duration_s for r in results), 3),
        "fingerprint": plan.fingerprint,
        "command": command,
        "source_date_epoch": source_date_epoch,
        "parameters": plan.parameters,
        "overrides": {nb.name: _jsonable(nb.overrides) for nb in plan.spec.notebooks.values()},
        "inputs": plan.inputs,
        "environment": {k: v for k, v in env.items() if k != "corpuslib_source"},
        "notebooks": [
            {
                "notebook": r.notebook,
                "input": display_path(plan.spec.notebooks[r.notebook].path),
                "output": display_path(r.output, root=plan.run_dir),
                "status": r.status,
                "started": r.started,
                "finished": r.finished,
                "duration_s": r.duration_s,
                "error": r.error,
            }
            for r in results
        ],
    }


def run_notebooks(
    runs_file: Path = paths.RUNS_FILE,
    *,
    only: str | None = None,
    jobs: int = 1,
    force: bool = False,
    out_root: Path = paths.OUTPUTS_DIR,
    notebooks_dir: Path | None = None,
    prepare_corpus: bool = True,
    kernel_name: str = "python3",
    cell_timeout: int | None = None,
    progress: bool = True,
) -> RunResult:
    """Execute the notebooks of every (or one) named parameter set with papermill.

    Parameters
    ----------
    runs_file : Path, optional
        The runs file (default ``notebooks/runs.yml``); validated first, see
        :func:`load_runs`.
    only : str, optional
        Run only this named set (several may be given, comma-separated).
    jobs : int, optional
        Notebooks executed in parallel worker processes (across all selected runs).
    force : bool, optional
        Rerun even when inputs, code, package versions and parameters are unchanged.
    out_root : Path, optional
        Outputs go to ``<out_root>/<run>/`` (default ``outputs/``).
    notebooks_dir : Path, optional
        Where notebooks are found (default: the runs file's folder).
    prepare_corpus : bool, optional
        Build (or find built) each corpus used before starting notebooks, so parallel
        kernels find the processed corpus cached; the segments are not loaded here.
    kernel_name : str, optional
        Jupyter kernel that executes the notebooks.
    cell_timeout : int, optional
        Seconds a single cell may run (``None``: no limit).
    progress : bool, optional
        Show a tqdm progress bar over notebooks.

    Returns
    -------
    RunResult
        ``.ok`` is False when any notebook failed; ``.summary()`` lists the errors.

    Raises
    ------
    RunConfigError
        When the runs file is invalid, ``only`` names no run, or ``jobs < 1``; nothing
        has run at that point.
    BusyError
        When another ``corpuslib run`` is writing one of the same run folders
        (each run folder is locked while a run executes); nothing has run.
    OutputError
        When the outputs folder cannot be written (read-only, disk full).

    Notes
    -----
    Kernels run with the project root as working directory, ``SOURCE_DATE_EPOCH``
    (default :data:`DEFAULT_SOURCE_DATE_EPOCH`), ``PYTHONHASHSEED=0`` and
    :data:`KERNEL_ALLOCATOR` (``ARROW_DEFAULT_MEMORY_POOL=system``,
    ``MALLOC_MMAP_THRESHOLD_=131072``: less memory kept by the allocators) unless the
    environment sets them. Each executed run's ``notebooks/``, ``figures/`` and
    ``tables/`` folders are emptied first, so nothing stale survives a rerun.
    ``run.json`` says ``complete: false`` from before the outputs are touched until
    the report is written; a run killed in between is rerun, never skipped.
    """
    runs_file = Path(runs_file)
    if jobs < 1:
        raise RunConfigError(f"--jobs must be at least 1, got {jobs}")
    runs = load_runs(runs_file, notebooks_dir=notebooks_dir)
    selected = _select(runs, only, runs_file)
    out_root = Path(out_root).resolve()

    env = environment_info()
    env["corpuslib_source"] = source_hash()
    digests = FileDigests()  # shared with the build: a corpus it hashed is not read again
    plans = [_plan_run(spec, out_root, env, digests) for spec in selected]
    digests.save()
    for plan in plans:
        _check_outputs_apart(plan)
    try:
        return _run_with_locks(
            plans, runs_file, env,
            only=only, jobs=jobs, force=force, prepare_corpus=prepare_corpus,
            kernel_name=kernel_name, cell_timeout=cell_timeout, progress=progress,
        )  # fmt: skip
    except OSError as exc:  # read-only or full outputs folder
        where = exc.filename or out_root
        raise OutputError(
            f"{where}: cannot write the run's outputs ({exc.strerror or exc})"
        ) from None


def _check_outputs_apart(plan: _Plan) -> None:
    """Refuse a run whose generated folders would hold (and so delete) a committed notebook."""
    for sub in ("notebooks", "figures", "tables"):
        target = (plan.run_dir / sub).resolve()
        for nb in plan.spec.notebooks.values():
            source = nb.path.resolve()
            if source == target or target in source.parents:
                raise RunConfigError(
                    f"run {plan.spec.name!r}: its output folder {display_path(target)} holds the "
                    f"committed notebook {display_path(source)}; choose another --out"
                )


def _run_with_locks(
    plans: list[_Plan], runs_file: Path, env: dict[str, Any], **options: Any
) -> RunResult:
    with contextlib.ExitStack() as locks:
        for plan in plans:
            # Two runs writing the same outputs would delete each other's files.
            locks.enter_context(
                exclusive_lock(
                    plan.run_dir / ".corpuslib-run.lock", what=f"run folder {display_path(plan.run_dir)}"
                )
            )
        return _run_locked(plans, runs_file, env, **options)


def _run_locked(
    plans: list[_Plan],
    runs_file: Path,
    env: dict[str, Any],
    *,
    only: str | None,
    jobs: int,
    force: bool,
    prepare_corpus: bool,
    kernel_name: str,
    cell_timeout: int | None,
    progress: bool,
) -> RunResult:
    outcomes: dict[str, RunOutcome] = {}
    to_run: list[_Plan] = []
    for plan in plans:
        if not force and _unchanged(plan):
            outcome = RunOutcome(plan.spec.name, plan.run_dir, "skipped")
            index = plan.run_dir / "index.html"
            outcome.report = index if index.is_file() else None
            outcomes[plan.spec.name] = outcome
        else:
            to_run.append(plan)

    if to_run:
        if prepare_corpus:
            _prepare_corpus(to_run)
        tasks: list[dict[str, Any]] = []
        for plan in to_run:
            # Mark the run as in progress before touching its outputs: if it is
            # killed, the next `corpuslib run` sees it unfinished and redoes it.
            write_json_atomic(
                plan.run_dir / "run.json",
                {
                    "run": plan.spec.name,
                    "status": "running",
                    "complete": False,
                    "pid": os.getpid(),
                    "started": _now(),
                },
            )
            _reset_run_dir(plan.run_dir)
            for nb in plan.spec.notebooks.values():
                tasks.append(
                    {
                        "run": plan.spec.name,
                        "notebook": nb.name,
                        "input": str(nb.path),
                        "output": str(plan.run_dir / "notebooks" / f"{nb.name}.ipynb"),
                        "parameters": {
                            **nb.overrides,
                            "out_dir": plan.parameters[nb.name]["out_dir"],
                        },
                        "kernel_name": kernel_name,
                        "cwd": str(paths.PROJECT_ROOT),
                        "timeout": cell_timeout,
                    }
                )
        with _kernel_environment() as epoch:
            raw_results = _execute_all(tasks, jobs=jobs, progress=progress)
        command = {
            "runs_file": display_path(runs_file),
            "only": only,
            "jobs": jobs,
            "force": force,
            "kernel_name": kernel_name,
        }
        for plan in to_run:
            results = [
                NotebookResult(**{**r, "output": Path(r["output"])})
                for r in raw_results
                if r["run"] == plan.spec.name
            ]
            record = _run_record(plan, results, env, command=command, source_date_epoch=epoch)
            record["complete"] = False
            write_json_atomic(plan.run_dir / "run.json", record)
            outcome = RunOutcome(plan.spec.name, plan.run_dir, record["status"], results)
            try:

                outcome.report = write_report(plan.run_dir)
            except Exception as exc:  # the run itself is recorded; report the report
                outcome.problems.append(f"report not written: {type(exc).__name__}: {exc}")
            else:
                # Only now is everything of the run in place.
                record["complete"] = True
                write_json_atomic(plan.run_dir / "run.json", record)
            outcomes[plan.spec.name] = outcome
    return RunResult([outcomes[plan.spec.name] for plan in plans])

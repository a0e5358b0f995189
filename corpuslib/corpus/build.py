"""Build the segmented corpus: raw pages + manifest -> segments.parquet, docs.parquet.

I/O lives here; the work per document is the pure :func:`process_document`.
Raw files are only ever opened for reading. Outputs are written to a temporary
file and moved into place, so a crash never leaves a half-written table.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import time
import traceback
import uuid
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import regex

from corpuslib import paths
from corpuslib.corpus.decode import decode_bytes
from corpuslib.corpus.html import extract_html, fill_metadata, is_html_file, segment_page
from corpuslib.corpus.language import detect_languages
from corpuslib.corpus.manifest import list_raw_files, read_manifest, resolve_raw_file
from corpuslib.corpus.segment import segment_text
from corpuslib.corpus.template import count_template_lines
from corpuslib.errors import (
    CorpuslibError,
    DocumentError,
    ManifestError,
    OutputError,
    RuleTimeoutError,
    SegmentsError,
)
from corpuslib.files import (
    FileDigests,
    exclusive_lock,
    remove_stale_temporaries,
    write_bytes_atomic,
    write_json_atomic,
    write_parquet_atomic,
)
from corpuslib.lexicons import LayoutRules, load_rules, rule_time_limit
from corpuslib.parallel import check_engine, chunked, map_ordered

__all__ = [
    "BUILD_VERSION",
    "DOC_SCHEMA",
    "GENERATIONS",
    "SEGMENT_SCHEMA",
    "TABLES",
    "build_corpus",
    "built_folder",
    "corpus_key",
    "load_docs",
    "load_segments",
    "open_parquet",
    "process_document",
    "read_segments",
    "table_folder",
    "BuildReport",
]


_CLAIMED = regex.compile(r"\s*(\d{1,6})\b")


# Bump when segmentation or cleaning changes what a build produces (invalidates caches).
BUILD_VERSION = "4"


SEGMENT_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("outlet", pa.string()),
        ("role", pa.string()),
        ("seq", pa.int64()),
        ("comment_id", pa.int64()),
        ("commenter", pa.string()),
        ("quoted", pa.bool_()),
        ("lang", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("text", pa.string()),
        ("rule", pa.string()),
        ("reply_to", pa.int64()),
        ("depth", pa.int64()),
        ("duplicate_of", pa.int64()),
        ("confidence", pa.float64()),
    ]
)


DOC_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("file", pa.string()),
        ("sha256", pa.string()),
        ("encoding", pa.string()),
        ("outlet", pa.string()),
        ("title", pa.string()),
        ("published", pa.string()),
        ("url", pa.string()),
        ("author", pa.string()),
        ("n_chars", pa.int64()),
        ("n_units", pa.int64()),
        ("n_comments", pa.int64()),
        ("status", pa.string()),
        ("warnings", pa.string()),
        ("text_file", pa.string()),
    ]
)


@dataclass
class BuildReport:
    """What a build did.

    Attributes
    ----------
    out_dir : Path
        Where the tables were written.
    n_docs, n_units : int
        Documents built and units written.
    problems : list of str
        Every manifest problem and every document reported (skipped or warned), by name.
    errors : list of str
        The subset of ``problems`` that are manifest errors (non-zero exit).
    manifest_ok : bool
        False when the manifest had errors (the CLI then exits non-zero).
    seconds : float
        Wall time.
    """

    out_dir: Path
    n_docs: int = 0
    n_units: int = 0
    problems: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    manifest_ok: bool = True
    seconds: float = 0.0
    key: str = ""
    up_to_date: bool = False

    def summary(self) -> str:
        """One line for the terminal."""
        status = "ok" if self.manifest_ok else "MANIFEST ERRORS"
        if self.up_to_date:
            return (
                f"{self.out_dir} is up to date ({self.n_docs} documents, {self.n_units} units; "
                f"inputs unchanged; use --force to rebuild; {status})"
            )
        return (
            f"built {self.n_docs} documents, {self.n_units} units into {self.out_dir} "
            f"in {self.seconds:.2f} s ({len(self.problems)} problem(s); {status})"
        )


def process_document(
    data: bytes, meta: dict[str, Any], rules: LayoutRules
) -> tuple[list[dict], dict]:
    """Decode, segment, clean and language-tag one document.

    Parameters
    ----------
    data : bytes
        Raw file content.
    meta : dict
        The document's manifest row (doc_id, file, outlet, title, published, url,
        author, comments_start; missing values None).
    rules : LayoutRules
        Layout rules; those written for other sites are left out
        (:meth:`~corpuslib.lexicons.LayoutRules.for_site`).

    Returns
    -------
    (segments, doc) : list of dict, dict
        Segment rows and the docs.parquet row. A document that cannot be decoded
        gives no segments and a doc row with status ``skipped`` and the reason.
    """
    name = meta["file"]
    doc = {**_empty_doc(meta), "sha256": hashlib.sha256(data).hexdigest(), "status": "ok"}
    notes: list[str] = []
    page = None
    try:
        if is_html_file(name):  # HTML: text, comments and metadata extracted (corpus/html.py)
            page = extract_html(data, name=name)
            meta = fill_metadata(meta, page)
            doc.update({k: meta.get(k) for k in ("title", "published", "author")})
            doc["text_file"], doc["_text"] = f"{TEXT_DIR}/{meta['doc_id']}.txt", page.text
            data = page.text.encode("utf-8")
        decoded = decode_bytes(data, name=name)
    except DocumentError as exc:
        doc["status"], doc["warnings"] = "skipped", str(exc)
        doc.pop("_text", None)
        doc["text_file"] = None
        return [], doc
    if page is not None:
        decoded = replace(decoded, encoding=page.encoding)
    doc["encoding"], doc["n_chars"] = decoded.encoding, len(decoded.text)
    if decoded.repaired:
        notes.append(
            f"decoded as UTF-8 with {decoded.repaired} stray byte(s) that are not UTF-8 "
            "read as cp1252"
        )
    elif decoded.encoding not in ("utf-8", "utf-8-sig", "ascii"):
        notes.append(f"decoded as {decoded.encoding}")
    rules = rules.for_site(meta.get("outlet"), meta.get("url"))  # after an HTML page's own URL is read
    try:
        with rule_time_limit():
            segment = partial(segment_page, page) if page is not None else partial(segment_text, decoded.text)
            units = segment(
                rules=rules,
                title=meta.get("title"),
                comments_start=meta.get("comments_start"),
                name=name,
                url=meta.get("url"),
                template=meta.get("_template"),
            )
    except RuleTimeoutError as exc:
        # A layout rule that backtracks without end must not hang the build.
        doc["status"], doc["warnings"] = "skipped", f"{name}: {exc}"
        return [], doc
    except ManifestError as exc:
        # Without its anchor the comments would be read as the author's text:
        # leave the page out until the manifest is fixed (the raw file is untouched).
        doc["status"], doc["warnings"] = "manifest_error", str(exc)
        return [], doc
    if meta.get("title") and not any(u.role == "title" for u in units):
        notes.append("manifest title not found in the text")
    n_comments = sum(1 for u in units if u.role == "comment")
    section_rules = {r.name for r in rules.section_start}
    for u in units:
        claim = _CLAIMED.match(u.text) if u.rule in section_rules else None
        if claim and int(claim.group(1)) != n_comments:
            notes.append(
                f"comment header says {claim.group(1)} ({u.text[:40]!r}), {n_comments} found on the page"
            )
    langs = detect_languages(
        [u.text for u in units],
        candidates=rules.language_candidates,
        min_letters=rules.language_min_letters,
        min_confidence=rules.language_min_confidence,
    )
    rows = [
        {
            "doc_id": meta["doc_id"],
            "outlet": meta["outlet"],
            "role": u.role,
            "seq": seq,
            "comment_id": u.comment_id,
            "commenter": u.commenter,
            "quoted": u.quoted,
            "lang": lang,
            "start": u.start,
            "end": u.end,
            "text": u.text,
            "rule": u.rule,
            "reply_to": u.reply_to,
            "depth": u.depth if u.role == "comment" else None,
            "duplicate_of": u.duplicate_of,
            "confidence": float(u.confidence),
        }
        for seq, (u, lang) in enumerate(zip(units, langs))
    ]
    doc["n_units"] = len(rows)
    doc["n_comments"] = sum(1 for u in units if u.role == "comment")
    doc["warnings"] = "; ".join(notes) or None
    return rows, doc


def _process_path(
    args: tuple[str, dict[str, Any], str, str], rules: LayoutRules
) -> tuple[list[dict], dict]:
    path, meta, _, raw_dir = args
    try:
        data = _read_raw(Path(raw_dir), meta["file"])
    except (OSError, ManifestError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        return [], {
            **_empty_doc(meta),
            "status": "skipped",
            "warnings": f"{meta['file']}: unreadable: {reason}",
        }
    try:
        rows, doc = process_document(data, meta, rules)
    except (CorpuslibError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - one page that trips a bug must not stop the build
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        return [], {
            **_empty_doc(meta),
            "status": "skipped",
            "warnings": f"{meta['file']}: unexpected {type(exc).__name__}: {exc} "
                        f"(at {Path(frame.filename).name}:{frame.lineno}; a bug in corpuslib: "
                        "please report it with this page)",
        }
    _write_text(doc, meta)
    return rows, doc


#: Sub-folder of a build for the text extracted from HTML pages (``text/<doc_id>.txt``).
TEXT_DIR = "text"


def _write_text(doc: dict[str, Any], meta: dict[str, Any]) -> None:
    """Write an HTML page's extracted text (what its offsets refer to) into the build."""
    text = doc.pop("_text", None)
    if text is not None and meta.get("_build_dir"):
        write_bytes_atomic(Path(meta["_build_dir"]) / doc["text_file"], text.encode("utf-8"))


def _read_raw(raw_dir: Path, file: str) -> bytes:
    """The bytes of a raw file, checked again at read time to be a regular file inside ``raw_dir``.

    Opened read-only and non-blocking (a FIFO swapped in since the manifest
    check cannot hang the build); raw data is never modified.
    """
    real = resolve_raw_file(raw_dir, file)
    fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise ManifestError(f"file {file!r} is not a regular file")
        return fh.read()


def _empty_doc(meta: dict[str, Any]) -> dict[str, Any]:
    return {
        "doc_id": meta["doc_id"],
        "file": meta["file"],
        "sha256": None,
        "encoding": None,
        "outlet": meta["outlet"],
        "title": meta.get("title"),
        "published": meta.get("published"),
        "url": meta.get("url"),
        "author": meta.get("author"),
        "n_chars": 0,
        "n_units": 0,
        "n_comments": 0,
        "status": "skipped",
        "warnings": None,
        "text_file": None,
    }


def _tasks(
    manifest_rows: pd.DataFrame, raw_dir: Path, rules_path: Path
) -> list[tuple[str, dict, str, str]]:
    tasks = []
    for row in manifest_rows.to_dict("records"):
        meta = {k: (None if pd.isna(v) else str(v)) for k, v in row.items()}
        tasks.append((str(raw_dir / meta["file"]), meta, str(rules_path), str(raw_dir)))
    return tasks


def _attach_templates(
    tasks: list[tuple[str, dict, str, str]],
    *,
    min_pages: int = 3,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
) -> None:
    """Cross-page evidence: give every page of an outlet with ``min_pages`` or more pages
    the outlet's site-template lines (lines recurring on most of its pages), in place.
    Outlets are work items of :func:`~corpuslib.parallel.map_ordered` (*jobs* processes)."""
    by_outlet: dict[str, list[tuple[str, dict, str, str]]] = {}
    for task in tasks:
        by_outlet.setdefault(task[1]["outlet"], []).append(task)
    groups = [group for group in by_outlet.values() if len(group) >= min_pages]
    templates = map_ordered(
        _template_lines,
        [[(raw, meta["file"]) for _, meta, _, raw in group] for group in groups],
        jobs=min(jobs, max(1, len(groups))), engine=engine, scheduler=scheduler,
        preload=("corpuslib.corpus.warm",),
    )  # fmt: skip
    for group, template in zip(groups, templates, strict=True):
        for _, meta, _, _ in group:
            meta["_template"] = template


def _template_lines(pages: list[tuple[str, str]]) -> dict[str, int]:
    """The site-template lines of one outlet's ``(raw_dir, file)`` pages."""
    return count_template_lines(_decoded(raw, file) for raw, file in pages)


def _decoded(raw_dir: str, file: str) -> str:
    """A page's decoded text for the template pass (read as the build reads it), or ""."""
    try:
        data = _read_raw(Path(raw_dir), file)
        return extract_html(data, name=file).text if is_html_file(file) else decode_bytes(data, name=file).text
    except (OSError, DocumentError, ManifestError):
        return ""


def _run(
    tasks: list, *, jobs: int, engine: str, scheduler: str | None
) -> Iterator[tuple[list[dict], dict]]:
    size = max(1, min(64, len(tasks) // (jobs * 4) or 1))
    for results in map_ordered(
        _process_chunk, chunked(tasks, size), jobs=jobs, engine=engine, scheduler=scheduler,
        preload=("corpuslib.corpus.warm",),
    ):
        yield from results


def _process_chunk(tasks: list) -> list[tuple[list[dict], dict]]:
    if not tasks:
        return []
    rules = load_rules(tasks[0][2])  # once per chunk, not per page
    return [_process_path(task, rules) for task in tasks]


def build_corpus(
    raw_dir: str | Path | None = None,
    manifest: str | Path | None = None,
    out_dir: str | Path | None = None,
    *,
    rules: str | Path | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int = 1000,
    force: bool = True,
    lock_wait: float = 0.0,
) -> BuildReport:
    """Segment every raw file listed in the manifest and write the two tables.

    Parameters
    ----------
    raw_dir, manifest, out_dir : path, optional
        Defaults ``data/raw``, ``data/manifest.csv``, ``data/processed``.
    rules : path, optional
        Layout rules YAML (default ``data/lexicons/layout.yml``).
    jobs : int
        Worker processes (``engine="local"``) or Dask workers of a local cluster.
    engine : {"local", "dask"}
        ``dask`` runs documents on a Dask cluster (``scheduler`` address, or a
        local cluster). Results are identical to the single-process path.
    batch_size : int
        Documents per parquet row group; memory stays bounded by one batch.
    force : bool
        With ``False``, a folder already built from the same inputs (same content
        hash in its ``build.json``) is left as it is and its report returned.
    lock_wait : float
        Seconds to wait for another build of the same ``out_dir`` to finish
        (default 0: fail at once with :class:`~corpuslib.errors.BusyError`).

    Returns
    -------
    BuildReport
        Counts, every problem by name, and whether the manifest was valid.
        Documents that cannot be read are reported and skipped; the rest are built.

    Raises
    ------
    ManifestError
        Only when the manifest cannot be read at all (row-level problems are
        reported in the result, and the valid rows are still built).
    OutputError
        When ``out_dir`` cannot be written (read-only, disk full); the previous
        build stays published.
    BusyError
        When another build is writing ``out_dir``.

    Notes
    -----
    Tables are written into a new ``generations/<id>/`` folder and published
    together by switching the ``current`` link (:func:`table_folder`); the
    ``segments.parquet``, ``docs.parquet`` and ``build.json`` at the top of
    ``out_dir`` lead through it. Leftovers of killed builds are removed first.
    """
    t0 = time.perf_counter()
    raw_dir = Path(raw_dir) if raw_dir is not None else paths.RAW_DIR
    manifest_path = Path(manifest) if manifest is not None else paths.MANIFEST
    out_dir = Path(out_dir) if out_dir is not None else paths.PROCESSED_DIR
    rules_path = Path(rules) if rules is not None else paths.LAYOUT_RULES
    check_engine(engine, jobs)
    load_rules(rules_path)  # validate before starting workers
    m = read_manifest(manifest_path, raw_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _output_error(out_dir, exc) from None
    if not out_dir.is_dir():
        raise OutputError(f"{out_dir}: --out is not a folder")
    try:
        lock = exclusive_lock(
            out_dir / ".build.lock", what=f"build folder {out_dir}", wait=lock_wait
        )
        with lock:
            return _build_locked(
                m, raw_dir, manifest_path, out_dir, rules_path,
                jobs=jobs, engine=engine, scheduler=scheduler,
                batch_size=batch_size, force=force, t0=t0,
            )  # fmt: skip
    except OSError as exc:
        raise _output_error(out_dir, exc) from None


def _output_error(out_dir: Path, exc: OSError) -> OutputError:
    where = exc.filename or out_dir
    reason = exc.strerror or str(exc)
    return OutputError(f"{where}: cannot write the build ({reason}); previous tables left as they were")


def _build_locked(
    m: Any,
    raw_dir: Path,
    manifest_path: Path,
    out_dir: Path,
    rules_path: Path,
    *,
    jobs: int,
    engine: str,
    scheduler: str | None,
    batch_size: int,
    force: bool,
    t0: float,
) -> BuildReport:
    _remove_unfinished(out_dir)
    if not force:
        key = corpus_key(raw_dir, manifest_path, rules_path)
        if _built_with(out_dir, key):
            info = _read_info(out_dir)
            return BuildReport(
                out_dir=out_dir,
                n_docs=info["n_docs"],
                n_units=info["n_units"],
                problems=info["problems"],
                errors=info.get("errors", []),
                manifest_ok=info["manifest_ok"],
                seconds=time.perf_counter() - t0,
                key=key,
                up_to_date=True,
            )
    report = BuildReport(
        out_dir=out_dir,
        problems=list(m.problems),
        errors=list(m.problems),
        manifest_ok=not m.problems,
    )
    tasks = _tasks(m.rows, raw_dir, rules_path)
    _attach_templates(tasks, jobs=jobs, engine=engine, scheduler=scheduler)
    # Every table of this build goes into a new generation folder; one atomic
    # switch of the ``current`` pointer publishes them together (see _publish).
    gen = out_dir / GENERATIONS / f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    (gen / TEXT_DIR).mkdir(parents=True)
    for _, meta, _, _ in tasks:
        meta["_build_dir"] = str(gen)

    docs: list[dict] = []

    def segment_batches() -> Iterator[list[dict]]:
        pending: list[dict] = []
        for rows, doc in _run(tasks, jobs=jobs, engine=engine, scheduler=scheduler):
            docs.append(doc)
            reason = str(doc["warnings"] or "").removeprefix(f"{doc['file']}: ")
            if doc["status"] == "skipped":
                report.problems.append(f"{doc['file']}: skipped ({reason})")
            elif doc["status"] == "manifest_error":
                message = f"{doc['file']}: not built ({reason})"
                report.problems.append(message)
                report.errors.append(message)
                report.manifest_ok = False
            elif doc["warnings"]:
                report.problems.append(f"{doc['file']}: {reason}")
            pending.extend(rows)
            if len(pending) >= batch_size * 20:
                yield pending
                pending = []
        yield pending

    try:
        report.n_units = write_parquet_atomic(
            gen / "segments.parquet", SEGMENT_SCHEMA, segment_batches()
        )
        write_parquet_atomic(gen / "docs.parquet", DOC_SCHEMA, [docs])
    except BaseException:
        shutil.rmtree(gen, ignore_errors=True)  # never published
        raise
    # Documents left out (unreadable, or not built for a manifest error) are not "built".
    report.n_docs = sum(1 for d in docs if d["status"] == "ok")
    report.key = corpus_key(raw_dir, manifest_path, rules_path)
    report.seconds = time.perf_counter() - t0
    write_json_atomic(
        gen / "build.json",
        {
            "key": report.key,
            "build_version": BUILD_VERSION,
            "problems": report.problems,
            "errors": report.errors,
            "manifest_ok": report.manifest_ok,
            "n_docs": report.n_docs,
            "n_units": report.n_units,
        },
        sort_keys=True,
    )
    _publish(out_dir, gen)
    return report


#: Sub-folder of a build folder holding one folder per build ("generation").
GENERATIONS = "generations"


#: The build's tables (and the folder of text extracted from HTML pages);
#: ``<out>/<name>`` is a symlink to ``current/<name>``.
TABLES = ("segments.parquet", "docs.parquet", "build.json", TEXT_DIR)


def _publish(out_dir: Path, gen: Path) -> None:
    """Make ``gen`` the build of ``out_dir`` in one atomic step, then drop older builds.

    ``<out>/current`` is a symlink to the generation; the tables at the top of the
    folder are fixed symlinks through it (``segments.parquet -> current/segments.parquet``),
    so the single :func:`os.replace` of ``current`` switches all of them at once: a
    reader or a kill never sees tables from two builds. Where symlinks are not
    available (Windows without the privilege) the tables are moved in one by one.
    """
    target = f"{GENERATIONS}/{gen.name}"
    tmp = out_dir / f".current.{os.getpid()}.{uuid.uuid4().hex}.tmp"
    try:
        os.symlink(target, tmp, target_is_directory=True)
    except (OSError, NotImplementedError):  # pragma: no cover - no symlinks here
        for name in TABLES:
            os.replace(gen / name, out_dir / name)
        shutil.rmtree(gen, ignore_errors=True)
        return
    os.replace(tmp, out_dir / "current")
    for name in TABLES:
        link = out_dir / name
        if link.is_symlink() and os.readlink(link) == f"current/{name}":
            continue
        tmp = out_dir / f".{name}.{os.getpid()}.{uuid.uuid4().hex}.tmp"
        os.symlink(f"current/{name}", tmp)
        os.replace(tmp, link)
    for old in (out_dir / GENERATIONS).iterdir():
        if old.name != gen.name:
            shutil.rmtree(old, ignore_errors=True)


def _remove_unfinished(out_dir: Path) -> None:
    """Delete what killed builds left: temporary files and unpublished generations.

    Called with the build lock held, so nothing here belongs to a live build.
    """
    remove_stale_temporaries(out_dir)
    gens = out_dir / GENERATIONS
    if not gens.is_dir():
        return
    current = _current_generation(out_dir)
    for gen in gens.iterdir():
        if current is None or gen.resolve() != current:
            shutil.rmtree(gen, ignore_errors=True)


def _current_generation(folder: Path) -> Path | None:
    pointer = Path(folder) / "current"
    if pointer.is_symlink() and pointer.is_dir():
        return pointer.resolve()
    return None


def table_folder(folder: str | Path) -> Path:
    """The folder that holds a build folder's tables right now.

    The current generation (``<folder>/current`` resolved once, so every table
    read through it comes from the same build), or ``folder`` itself for a build
    folder written without generations.
    """
    folder = Path(folder)
    return _current_generation(folder) or folder


def _read_info(folder: Path) -> dict[str, Any]:
    return json.loads((table_folder(folder) / "build.json").read_text(encoding="utf-8"))


def corpus_key(raw_dir: Path, manifest: Path, rules: Path) -> str:
    """Content hash of everything a build depends on.

    The raw files (names and bytes), the manifest, the layout rules and
    :data:`BUILD_VERSION`. File digests are remembered by (size, mtime) in
    ``data/processed/cache/file-digests.json`` (:class:`~corpuslib.files.FileDigests`,
    shared with ``corpuslib run``) so unchanged corpora hash fast.
    """

    digests = FileDigests()
    h = hashlib.sha256(f"corpuslib-build-{BUILD_VERSION}\n".encode())
    for label, p in (("manifest", manifest), ("rules", rules)):
        h.update(f"{label}\0{digests(p)}\n".encode())
    if raw_dir.is_dir():
        folder = os.fspath(raw_dir)
        for rel in list_raw_files(raw_dir):
            h.update(f"raw\0{rel}\0{digests(os.path.join(folder, rel))}\n".encode())
    digests.save()
    return h.hexdigest()


def _built_with(folder: Path, key: str) -> bool:
    tables = table_folder(folder)
    try:
        info = json.loads((tables / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(info, dict)
        and info.get("key") == key
        and (tables / "segments.parquet").is_file()
        and (tables / "docs.parquet").is_file()
    )


def _cache_dir(key: str) -> Path:
    return paths.PROCESSED_DIR / "cache" / key[:24]


def load_segments(
    raw_dir: str | Path | None = None,
    manifest: str | Path | None = None,
    *,
    rules: str | Path | None = None,
    strict: bool = True,
    columns: list[str] | None = None,
) -> pd.DataFrame:
    """The segments table of a corpus, built on first use and cached on disk.

    The cache (``data/processed/cache/<hash>/``) is keyed by the content hash of
    the raw files, the manifest and the layout rules, so it is rebuilt only when
    one of them changes.

    Parameters
    ----------
    raw_dir, manifest : path, optional
        Default: the bundled corpus (``data/raw``, ``data/manifest.csv``).
    rules : path, optional
        Layout rules YAML (default ``data/lexicons/layout.yml``).
    strict : bool
        Raise :class:`ManifestError` when the manifest has problems (after
        building the valid rows). With ``strict=False`` a warning is issued instead.
    columns : list of str, optional
        Read only these columns.

    Returns
    -------
    pandas.DataFrame
        One row per unit, columns as in DESIGN.md (plus ``rule``, the layout rule
        behind the unit's role, for the cleaning audit).
    """
    folder = built_folder(raw_dir, manifest, rules=rules, strict=strict)
    return read_segments(folder / "segments.parquet", columns=columns)


def open_parquet(path: Path) -> Any:
    """Open a segments table for streaming (:class:`pyarrow.parquet.ParquetFile`).

    Raises :class:`~corpuslib.errors.SegmentsError` as :func:`read_segments`.
    """
    import pyarrow.parquet as pq

    _check_table_path(path)
    try:
        return pq.ParquetFile(path.resolve())
    except (pa.ArrowException, ValueError) as exc:
        raise SegmentsError(f"{path}: not a readable parquet table: {exc}") from None
    except OSError as exc:
        raise SegmentsError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _check_table_path(path: Path) -> None:
    if path.is_dir():
        raise SegmentsError(f"{path}: is a folder; give the segments.parquet file")
    if not path.exists():
        raise SegmentsError(
            f"{path}: not found; run `corpuslib build` first (or give --segments the table it wrote)"
        )


def _read_parquet_table(path: Path, *, columns: list[str] | None = None) -> pd.DataFrame:
    _check_table_path(path)
    try:
        return pd.read_parquet(path.resolve(), columns=columns)
    except (pa.ArrowException, ValueError) as exc:
        raise SegmentsError(f"{path}: not a readable parquet table: {exc}") from None
    except OSError as exc:
        raise SegmentsError(f"{path}: cannot read: {exc.strerror or exc}") from None


def load_docs(
    raw_dir: str | Path | None = None,
    manifest: str | Path | None = None,
    *,
    rules: str | Path | None = None,
) -> pd.DataFrame:
    """The docs table (one row per raw file) of a corpus; see :func:`load_segments`."""
    folder = built_folder(raw_dir, manifest, rules=rules, strict=False)
    return pd.read_parquet(folder / "docs.parquet")


def built_folder(
    raw_dir: str | Path | None = None,
    manifest: str | Path | None = None,
    *,
    rules: str | Path | None = None,
    strict: bool = True,
) -> Path:
    """The folder holding the corpus's up-to-date tables, building them if needed.

    ``data/processed`` when ``corpuslib build`` made it from the same inputs,
    else ``data/processed/cache/<hash>/`` (built on first use); in either, the
    generation folder of its current build (:func:`table_folder`), so tables read
    from it all come from one build. The inputs are hashed once per call.

    Raises
    ------
    ManifestError
        With ``strict=True``, when the manifest has errors (the valid rows are
        still built and cached); otherwise those errors become a warning.
    """
    raw_dir = Path(raw_dir) if raw_dir else paths.RAW_DIR
    manifest = Path(manifest) if manifest else paths.MANIFEST
    rules_path = Path(rules) if rules else paths.LAYOUT_RULES
    key = corpus_key(raw_dir, manifest, rules_path)
    folder = paths.PROCESSED_DIR if _built_with(paths.PROCESSED_DIR, key) else _cache_dir(key)
    if not _built_with(folder, key):
        # Another process (a parallel notebook) may be building the same cache:
        # wait for it, then find its build up to date.
        build_corpus(raw_dir, manifest, folder, rules=rules_path, force=False, lock_wait=600)
    folder = table_folder(folder)
    info = _read_info(folder)
    if not info["manifest_ok"]:
        message = "; ".join(info.get("errors") or info["problems"])
        if strict:
            raise ManifestError(message)
        warnings.warn(message, stacklevel=3)
    return folder


def read_segments(path: str | Path, *, columns: list[str] | None = None) -> pd.DataFrame:
    """Read a segments.parquet with the contract's dtypes (nullable Int64 comment_id).

    ``path`` may be a build folder's ``segments.parquet`` (a link through its
    ``current`` build) or any parquet file with the segments columns.

    Raises
    ------
    SegmentsError
        If the file is missing (no build yet), not a parquet file, or lacks a
        requested column; the message names the file.
    """
    df = _read_parquet_table(Path(path), columns=columns)
    for col in ("doc_id", "outlet", "role", "commenter", "lang", "text", "rule"):
        if col in df.columns:
            df[col] = df[col].astype("string")
    for col in ("comment_id", "reply_to", "depth", "duplicate_of"):
        if col in df.columns:
            df[col] = df[col].astype("Int64")
    if "quoted" in df.columns:
        df["quoted"] = df["quoted"].astype(bool)
    return df

"""Build the segmented corpus: raw pages + manifest -> segments.parquet, docs.parquet.

I/O lives here; the work per document is the pure :func:`process_document`.
Raw files are only ever opened for reading. Outputs are written to a temporary
file and moved into place, so a crash never leaves a half-written table.
"""

from __future__ import annotations

import hashlib
import json
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import regex

from corpuslib import paths
from corpuslib.corpus.decode import decode_bytes
from corpuslib.corpus.language import detect_languages
from corpuslib.corpus.manifest import read_manifest
from corpuslib.corpus.segment import segment_text
from corpuslib.corpus.template import count_template_lines
from corpuslib.errors import DocumentError, ManifestError
from corpuslib.files import FileDigests, _atomic_parquet, write_json_atomic
from corpuslib.lexicons import LayoutRules, load_rules
from corpuslib.parallel import check_engine, chunked, map_ordered

_CLAIMED = regex.compile(r"\s*(\d{1,6})\b")


# Bump when segmentation or cleaning changes what a build produces (invalidates caches).
BUILD_VERSION = "3"


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
        Layout rules.

    Returns
    -------
    (segments, doc) : list of dict, dict
        Segment rows and the docs.parquet row. A document that cannot be decoded
        gives no segments and a doc row with status ``skipped`` and the reason.
    """
    name = meta["file"]
    doc = {**_empty_doc(meta), "sha256": hashlib.sha256(data).hexdigest(), "status": "ok"}
    notes: list[str] = []
    try:
        decoded = decode_bytes(data, name=name)
    except DocumentError as exc:
        doc["status"], doc["warnings"] = "skipped", str(exc)
        return [], doc
    doc["encoding"], doc["n_chars"] = decoded.encoding, len(decoded.text)
    if decoded.encoding not in ("utf-8", "utf-8-sig", "ascii"):
        notes.append(f"decoded as {decoded.encoding}")
    try:
        units = segment_text(
            decoded.text,
            rules=rules,
            title=meta.get("title"),
            comments_start=meta.get("comments_start"),
            name=name,
            url=meta.get("url"),
            template=meta.get("_template"),
        )
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
    args: tuple[str, dict[str, Any], str], rules: LayoutRules
) -> tuple[list[dict], dict]:
    path, meta, _ = args
    try:
        with open(path, "rb") as fh:  # read-only: raw data is never modified
            data = fh.read()
    except OSError as exc:
        return [], {
            **_empty_doc(meta),
            "status": "skipped",
            "warnings": f"{meta['file']}: unreadable: {exc}",
        }
    return process_document(data, meta, rules)


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
    }


def _tasks(
    manifest_rows: pd.DataFrame, raw_dir: Path, rules_path: Path
) -> list[tuple[str, dict, str]]:
    tasks = []
    for row in manifest_rows.to_dict("records"):
        meta = {k: (None if pd.isna(v) else str(v)) for k, v in row.items()}
        tasks.append((str(raw_dir / meta["file"]), meta, str(rules_path)))
    return tasks


def _attach_templates(tasks: list[tuple[str, dict, str]], *, min_pages: int = 3) -> None:
    """Cross-page evidence: give every page of an outlet with ``min_pages`` or more pages
    the outlet's site-template lines (lines recurring on most of its pages), in place."""
    by_outlet: dict[str, list[tuple[str, dict, str]]] = {}
    for task in tasks:
        by_outlet.setdefault(task[1]["outlet"], []).append(task)
    for group in by_outlet.values():
        if len(group) < min_pages:
            continue
        template = count_template_lines(_decoded(path) for path, _, _ in group)
        for _, meta, _ in group:
            meta["_template"] = template


def _decoded(path: str) -> str:
    try:
        with open(path, "rb") as fh:  # read-only
            return decode_bytes(fh.read(), name=path).text
    except (OSError, DocumentError):
        return ""


def _run(
    tasks: list, *, jobs: int, engine: str, scheduler: str | None
) -> Iterator[tuple[list[dict], dict]]:
    size = max(1, min(64, len(tasks) // (jobs * 4) or 1))
    for results in map_ordered(
        _process_chunk, chunked(tasks, size), jobs=jobs, engine=engine, scheduler=scheduler
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
    """
    t0 = time.perf_counter()
    raw_dir = Path(raw_dir) if raw_dir is not None else paths.RAW_DIR
    manifest_path = Path(manifest) if manifest is not None else paths.MANIFEST
    out_dir = Path(out_dir) if out_dir is not None else paths.PROCESSED_DIR
    rules_path = Path(rules) if rules is not None else paths.LAYOUT_RULES
    check_engine(engine, jobs)
    load_rules(rules_path)  # validate before starting workers
    m = read_manifest(manifest_path, raw_dir)
    if not force:
        key = corpus_key(raw_dir, manifest_path, rules_path)
        if _built_with(out_dir, key):
            info = json.loads((out_dir / "build.json").read_text(encoding="utf-8"))
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
    _attach_templates(tasks)

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

    report.n_units = _atomic_parquet(
        out_dir / "segments.parquet", SEGMENT_SCHEMA, segment_batches()
    )
    _atomic_parquet(out_dir / "docs.parquet", DOC_SCHEMA, [docs])
    report.n_docs = sum(1 for d in docs if d["status"] != "skipped")
    report.key = corpus_key(raw_dir, manifest_path, rules_path)
    report.seconds = time.perf_counter() - t0
    write_json_atomic(
        out_dir / "build.json",
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
    return report


def corpus_key(raw_dir: Path, manifest: Path, rules: Path) -> str:
    """Content hash of everything a build depends on.

    The raw files (names and bytes), the manifest, the layout rules and
    :data:`BUILD_VERSION`. File digests are remembered by (size, mtime) in
    ``data/processed/cache/file-digests.json`` (:class:`~corpuslib.files.FileDigests`,
    shared with ``corpuslib run``) so unchanged corpora hash fast.
    """
    from corpuslib.corpus.manifest import list_raw_files

    digests = FileDigests()
    h = hashlib.sha256(f"corpuslib-build-{BUILD_VERSION}\n".encode())
    for label, p in (("manifest", manifest), ("rules", rules)):
        h.update(f"{label}\0{digests(p)}\n".encode())
    if raw_dir.is_dir():
        for rel in list_raw_files(raw_dir):
            h.update(f"raw\0{rel}\0{digests(raw_dir / rel)}\n".encode())
    digests.save()
    return h.hexdigest()


def _built_with(folder: Path, key: str) -> bool:
    try:
        info = json.loads((folder / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return info.get("key") == key and (folder / "segments.parquet").exists()


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
    else ``data/processed/cache/<hash>/`` (built on first use). The inputs are
    hashed once per call.

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
        build_corpus(raw_dir, manifest, folder, rules=rules_path)
    info = json.loads((folder / "build.json").read_text(encoding="utf-8"))
    if not info["manifest_ok"]:
        message = "; ".join(info.get("errors") or info["problems"])
        if strict:
            raise ManifestError(message)
        warnings.warn(message, stacklevel=3)
    return folder


def read_segments(path: str | Path, *, columns: list[str] | None = None) -> pd.DataFrame:
    """Read a segments.parquet with the contract's dtypes (nullable Int64 comment_id)."""
    df = pd.read_parquet(path, columns=columns)
    for col in ("doc_id", "outlet", "role", "commenter", "lang", "text", "rule"):
        if col in df.columns:
            df[col] = df[col].astype("string")
    for col in ("comment_id", "reply_to", "depth", "duplicate_of"):
        if col in df.columns:
            df[col] = df[col].astype("Int64")
    if "quoted" in df.columns:
        df["quoted"] = df["quoted"].astype(bool)
    return df

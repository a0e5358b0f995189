"""Document-feature matrices for other tools (R's quanteda, scikit-learn, gensim).

:func:`document_feature_matrix` counts the terms of any unit selection per
document (or per any grouping) with the tokenizer every analysis uses;
:func:`write_matrix` saves it as a scipy sparse ``.npz`` and a Matrix Market
``.mtx``, each beside a vocabulary file (one feature a line, column order) and a
docvars CSV (one row per matrix row, row order). In R::

    m <- as(Matrix::readMM("dfm.mtx"), "CsparseMatrix"); dv <- read.csv("dfm-docvars.csv", encoding = "UTF-8")
    dimnames(m) <- list(dv$doc_name, readLines("dfm-features.txt", encoding = "UTF-8"))
    x <- quanteda::as.dfm(m); quanteda::docvars(x) <- dv
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy.io
import scipy.sparse

from corpuslib.analysis.tokens import build_tokenizer, tokenizers_by_language
from corpuslib.corpus.units import as_columns
from corpuslib.errors import CorpuslibError
from corpuslib.escape import csv_cell
from corpuslib.files import write_bytes_atomic

__all__ = [
    "DOCVARS",
    "DocumentFeatureMatrix",
    "add_docvars",
    "document_feature_matrix",
    "matrix_paths",
    "write_matrix",
]

#: Document metadata columns (from docs.parquet) added beside a ``doc_id``.
DOCVARS = ("outlet", "published", "title", "author", "url")


@dataclass(frozen=True)
class DocumentFeatureMatrix:
    """Term counts, one row per document (or group) and one column per feature.

    Attributes
    ----------
    matrix : scipy.sparse.csr_matrix
        Counts (int64), shape ``(n_rows, n_features)``.
    features : list of str
        Column names (sorted).
    docvars : pandas.DataFrame
        One row per matrix row: ``doc_name`` (unique), the grouping columns,
        metadata and ``n_units``, ``n_tokens``.
    """

    matrix: scipy.sparse.csr_matrix
    features: list[str]
    docvars: pd.DataFrame

    def to_long(self) -> pd.DataFrame:
        """The non-zero cells as a long table ``doc_name, term, count``."""
        coo = self.matrix.tocoo()
        return pd.DataFrame({
            "doc_name": self.docvars["doc_name"].to_numpy()[coo.row],
            "term": np.asarray(self.features, dtype=object)[coo.col],
            "count": coo.data,
        })  # fmt: skip


def add_docvars(table: pd.DataFrame, docs: pd.DataFrame | None) -> pd.DataFrame:
    """Add the document metadata (:data:`DOCVARS` from the docs table) beside ``doc_id``.

    Columns already in *table* are kept as they are; the new ones follow ``doc_id``.
    Without a ``doc_id`` column or a docs table, *table* is returned unchanged.

    >>> t = pd.DataFrame({"doc_id": ["a"], "term": ["iran"], "count": [2]})
    >>> d = pd.DataFrame({"doc_id": ["a"], "outlet": ["X"], "published": ["2014"]})
    >>> add_docvars(t, d).columns.tolist()
    ['doc_id', 'outlet', 'published', 'term', 'count']
    """
    if docs is None or "doc_id" not in table.columns or "doc_id" not in docs.columns:
        return table
    extra = [c for c in DOCVARS if c in docs.columns and c not in table.columns]
    if not extra:
        return table
    meta = docs.drop_duplicates("doc_id").set_index("doc_id")[extra]
    out = table.copy()
    at = list(out.columns).index("doc_id") + 1
    for k, col in enumerate(extra):
        out.insert(at + k, col, out["doc_id"].map(meta[col]).astype("string"))
    return out


def document_feature_matrix(
    units: pd.DataFrame,
    *,
    by: str | Sequence[str] = "doc_id",
    docs: pd.DataFrame | None = None,
    min_count: int = 1,
    **tokenize_options: Any,
) -> DocumentFeatureMatrix:
    """Count the terms of *units* into a sparse document-feature matrix.

    Parameters
    ----------
    units : pandas.DataFrame
        Units to count, usually :func:`~corpuslib.corpus.units.select_units` of the
        segments table (needs ``text``, the ``by`` columns, and ``lang`` to pick each
        unit's tokenizer).
    by : str or sequence of str
        What a row is: ``"doc_id"`` (a page), ``["doc_id", "voice"]`` (the author's
        and the commenters' text of each page), ``"outlet"`` …
    docs : pandas.DataFrame, optional
        The docs table; its metadata join the docvars when ``doc_id`` is a row key.
    min_count : int
        Drop features with fewer occurrences in the whole matrix.
    **tokenize_options
        Options of :func:`~corpuslib.analysis.tokens.build_tokenizer` (``stopwords``,
        ``aliases``, ``lemmatize``, ``ngrams`` …), as for ``term_counts``.

    Returns
    -------
    DocumentFeatureMatrix
        Rows sorted by the ``by`` columns, features sorted.

    Raises
    ------
    CorpuslibError
        If a ``by`` column is missing or the selection is empty.

    Examples
    --------
    >>> units = pd.DataFrame({"doc_id": ["a", "a", "b"], "outlet": ["X", "X", "Y"],
    ...                       "lang": ["en"] * 3, "text": ["Iran, Iraq", "Iran", "Iraq"]})
    >>> dfm = document_feature_matrix(units)
    >>> dfm.features, dfm.matrix.toarray().tolist()
    (['iran', 'iraq'], [[2, 1], [0, 1]])
    >>> dfm.docvars.columns.tolist()
    ['doc_name', 'doc_id', 'outlet', 'n_units', 'n_tokens']
    """
    cols = as_columns(by)
    if not cols:
        raise CorpuslibError("document_feature_matrix: by names no column")
    missing = [c for c in [*cols, "text"] if c not in units.columns]
    if missing:
        raise CorpuslibError(f"document_feature_matrix: by={cols}: no column(s) {missing} in the units")
    if units.empty:
        raise CorpuslibError("document_feature_matrix: the unit selection is empty")
    build_tokenizer(**{k: v for k, v in tokenize_options.items() if k != "lang"})  # validate early
    keys = units[cols].astype("string").fillna("").astype(str)
    rows = keys.drop_duplicates().sort_values(cols).reset_index(drop=True)
    row_of = {tuple(r): i for i, r in enumerate(rows.itertuples(index=False, name=None))}
    get = tokenizers_by_language(dict(tokenize_options))
    langs = units["lang"].tolist() if "lang" in units.columns else ["en"] * len(units)
    row_idx: list[int] = []
    terms: list[str] = []
    n_units = np.zeros(len(rows), dtype=np.int64)
    for key, text, lang in zip(keys.itertuples(index=False, name=None), units["text"].tolist(), langs):
        r = row_of[key]
        n_units[r] += 1
        tokens = get(lang)(text if isinstance(text, str) else "")
        row_idx.extend([r] * len(tokens))
        terms.extend(tokens)
    vocab, term_idx = np.unique(np.asarray(terms, dtype=object).astype(str), return_inverse=True) \
        if terms else (np.array([], dtype=str), np.array([], dtype=np.int64))
    matrix = scipy.sparse.coo_matrix(
        (np.ones(len(terms), dtype=np.int64), (np.asarray(row_idx, dtype=np.int64), term_idx)),
        shape=(len(rows), len(vocab)),
    ).tocsr()
    matrix.sum_duplicates()
    n_tokens = np.asarray(matrix.sum(axis=1)).ravel().astype(np.int64)
    if min_count > 1:
        keep = np.flatnonzero(np.asarray(matrix.sum(axis=0)).ravel() >= min_count)
        matrix, vocab = matrix[:, keep], vocab[keep]
    docvars = rows.copy()
    docvars.insert(0, "doc_name", rows.agg("|".join, axis=1) if len(cols) > 1 else rows[cols[0]])
    docvars = add_docvars(docvars, docs)
    if "outlet" in units.columns and "outlet" not in docvars.columns and "doc_id" in cols:
        outlet = units.assign(_k=keys.agg("|".join, axis=1)).groupby("_k")["outlet"].first()
        at = list(docvars.columns).index("doc_id") + 1
        docvars.insert(at, "outlet", docvars["doc_name"].map(outlet).astype("string"))
    docvars["n_units"], docvars["n_tokens"] = n_units, n_tokens
    return DocumentFeatureMatrix(matrix.astype(np.int64), [str(v) for v in vocab], docvars)


def matrix_paths(stem: str | Path) -> dict[str, Path]:
    """The files :func:`write_matrix` writes for *stem* (``outputs/dfm/dfm`` → ``dfm.npz`` …).

    >>> sorted(p.name for p in matrix_paths("out/dfm").values())
    ['dfm-docvars.csv', 'dfm-features.txt', 'dfm.mtx', 'dfm.npz']
    """
    stem = Path(stem)
    stem = stem.with_suffix("") if stem.suffix in (".npz", ".mtx") else stem
    return {
        "npz": stem.with_name(stem.name + ".npz"),
        "mtx": stem.with_name(stem.name + ".mtx"),
        "features": stem.with_name(stem.name + "-features.txt"),
        "docvars": stem.with_name(stem.name + "-docvars.csv"),
    }


def _npz_bytes(matrix: scipy.sparse.csr_matrix) -> bytes:
    """``scipy.sparse.save_npz`` content with fixed zip timestamps (same matrix → same bytes)."""
    arrays = {"indices": matrix.indices, "indptr": matrix.indptr, "format": np.array(b"csr"),
              "shape": np.array(matrix.shape), "data": matrix.data}  # fmt: skip
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with zf.open(info, "w", force_zip64=True) as fh:
                np.lib.format.write_array(fh, np.asanyarray(array), allow_pickle=False)
    return buf.getvalue()


def write_matrix(dfm: DocumentFeatureMatrix, stem: str | Path) -> dict[str, Path]:
    """Write *dfm* as ``<stem>.npz``, ``<stem>.mtx``, ``<stem>-features.txt`` and ``<stem>-docvars.csv``.

    Each file is written atomically. The ``.npz`` loads with
    :func:`scipy.sparse.load_npz`, the ``.mtx`` with :func:`scipy.io.mmread` or R's
    ``Matrix::readMM``; the features file has one feature a line (UTF-8) in column
    order, the docvars CSV one row per matrix row in row order (text cells escaped
    as every corpuslib CSV).

    Returns
    -------
    dict
        The four paths (keys ``npz``, ``mtx``, ``features``, ``docvars``).
    """
    out = matrix_paths(stem)
    write_bytes_atomic(out["npz"], _npz_bytes(dfm.matrix))
    buf = io.BytesIO()
    scipy.io.mmwrite(buf, dfm.matrix.tocoo(), field="integer")
    write_bytes_atomic(out["mtx"], buf.getvalue())
    write_bytes_atomic(out["features"], "".join(f"{t}\n" for t in dfm.features).encode("utf-8"))
    docvars = dfm.docvars.copy()
    for col in docvars.columns:
        if docvars[col].dtype == object or isinstance(docvars[col].dtype, pd.StringDtype):
            docvars[col] = docvars[col].map(lambda v: csv_cell(v) if isinstance(v, str) else v)
    write_bytes_atomic(out["docvars"], docvars.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    return out

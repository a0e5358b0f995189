"""Word frequencies as tidy DataFrames, computed from the segments table.

Every function takes the segments table (columns ``doc_id, outlet, role, seq,
comment_id, commenter, quoted, lang, start, end, text``; see DESIGN.md),
tokenizes **one unit at a time** with :func:`corpuslib.analysis.tokens.build_tokenizer`
(never one whole-corpus string) and returns a new DataFrame. Keyword options
not named in a signature are tokenizer options (``stopwords``, ``aliases``,
``lemmatize``, ``ngrams``, ...).

Voices: :func:`add_voice` labels each unit ``author`` (body, own voice),
``quoted`` (a quotation inside the article), ``commenter``, ``title`` or
``boilerplate``. Boilerplate (page chrome) is excluded from every count unless
``roles`` names it explicitly.

Examples
--------
>>> import pandas as pd
>>> seg = pd.DataFrame({
...     "doc_id": ["d1", "d1", "d2"], "outlet": ["A", "A", "B"],
...     "role": ["body", "comment", "body"], "seq": [0, 1, 0],
...     "quoted": [False, False, False], "lang": ["en", "en", "en"],
...     "text": ["Iran and Iraq.", "Iraq, Iraq!", "Tehran and the U.S."]})
>>> term_counts(seg, by=("outlet",), stopwords=True)
  outlet    term  count  n_tokens  rate_per_1000
0      A    iraq      3         4          750.0
1      A    iran      1         4          250.0
2      B      US      1         2          500.0
3      B  tehran      1         2          500.0
"""

from __future__ import annotations

import itertools
import math
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd
import polars as pl

from corpuslib.analysis.columnar import add_counts, count_units
from corpuslib.analysis.tokens import build_tokenizer, tokenizers_by_language
from corpuslib.corpus.build import open_parquet
from corpuslib.corpus.units import as_columns, load_exclusions, select_units
from corpuslib.errors import CorpuslibError
from corpuslib.escape import escape_markdown
from corpuslib.parallel import map_ordered, resolve_engine

__all__ = [
    "ARROW_SLICE_UNITS",
    "MAX_UNIT_SHARE",
    "METHODS",
    "compare_rates",
    "count_terms_parquet",
    "counter_of",
    "describe_concentrated",
    "dispersion",
    "document_frequency",
    "sample_sizes",
    "term_counts",
    "tfidf_terms",
    "top_terms",
    "unit_spread",
    "zipf_table",
]


def _tokenize_units(df: pd.DataFrame, options: dict[str, Any]) -> list[list[str]]:
    get = tokenizers_by_language(options)
    langs = df["lang"].tolist() if "lang" in df.columns else ["en"] * len(df)
    return [get(lang)(text) for text, lang in zip(df["text"].tolist(), langs, strict=True)]


def _long(df: pd.DataFrame, tokens: list[list[str]], cols: list[str]) -> pd.DataFrame:
    """One row per token occurrence: grouping columns + ``term``."""
    lengths = np.fromiter((len(t) for t in tokens), dtype=np.int64, count=len(tokens))
    idx = np.repeat(np.arange(len(df)), lengths)
    long = (
        df[cols].iloc[idx].reset_index(drop=True) if cols else pd.DataFrame(index=range(idx.size))
    )
    long["term"] = pd.Series([w for ts in tokens for w in ts], dtype=object)
    for c in cols:
        if isinstance(long[c].dtype, pd.CategoricalDtype):
            long[c] = long[c].cat.remove_unused_categories()
    return long


def _count_chunk(
    args: tuple[list[str], list[Any], list[tuple], dict[str, Any]],
) -> tuple[dict, dict]:
    """Tokenize one chunk of units; per group key: a Counter of terms and a token total."""
    texts, langs, keys, options = args
    return add_counts(zip(texts, langs, keys, strict=True), tokenizers_by_language(options), {}, {})


def _count_chunk_arrow(
    args: tuple[pd.DataFrame, pl.Series, list[str], dict[str, Any]],
) -> tuple[dict, dict]:
    """:func:`_count_chunk` column-wise (:func:`corpuslib.analysis.columnar.count_units`)
    on a slice of the selected units: their grouping columns and ``lang`` (pandas) and
    their texts (a polars Series in the same row order)."""
    df, texts, cols, options = args
    codes = np.zeros(len(df), dtype=np.int64)
    uniques = []
    for c in cols:  # one integer per group key: mixed-radix code of the factorized columns
        code, uniq = pd.factorize(df[c], use_na_sentinel=False)
        codes = codes * max(len(uniq), 1) + code
        uniques.append((uniq, max(len(uniq), 1)))
    langs = df["lang"] if "lang" in df.columns else pd.Series(["en"] * len(df), index=df.index)
    by_id, totals_by_id = count_units(
        texts,
        pl.from_pandas(langs.astype("string")),
        pl.Series(codes),
        options,
    )

    def key(code: int) -> tuple:
        parts = []
        for uniq, n in reversed(uniques):
            code, i = divmod(code, n)
            parts.append(uniq[i])
        return tuple(reversed(parts))

    return (
        {key(g): c for g, c in by_id.items()},
        {key(g): n for g, n in totals_by_id.items()},
    )


#: Counting methods: ``arrow`` (column-wise, :mod:`corpuslib.analysis.columnar`) and
#: ``python`` (the reference tokenizer unit by unit); both give the same table.
METHODS = ("arrow", "python")


def _counter_for(method: str) -> Any:
    if method not in METHODS:
        raise CorpuslibError(f"method={method!r}: use one of {METHODS}")
    return _count_chunk_arrow if method == "arrow" else _count_chunk


#: Units per polars pass when :func:`term_counts` counts with ``method="arrow"`` in this
#: process: every match of a pass is held at once (about 50 per unit), so one pass over
#: a whole large selection would hold the tokens of the corpus; slices of this size
#: bound that, at the cost of a pass's fixed work per slice.
ARROW_SLICE_UNITS = 10_000


def _chunks_for(
    method: str, df: pd.DataFrame, cols: list[str], options: dict[str, Any], chunk_size: int
) -> Iterable[tuple]:
    """Work items of *method*: slices of the table (arrow) or lists of texts (python)."""
    if method == "python":
        return _chunks_of(df, cols, options, chunk_size)
    return _arrow_chunks(df, None, cols, options, chunk_size)


def _arrow_chunks(
    df: pd.DataFrame,
    texts: pl.Series | None,
    cols: list[str],
    options: dict[str, Any],
    chunk_size: int,
) -> Iterator[tuple]:
    """Work items of the arrow method, made one at a time: slices of the grouping and
    ``lang`` columns of *df* with the same slices of *texts* (the units' texts, in *df*'s
    row order; ``None``: *df*'s ``text`` column, converted to arrow slice by slice)."""
    keep = list(dict.fromkeys([*cols, *(["lang"] if "lang" in df.columns else [])]))
    frame = df[keep]
    for i in range(0, len(frame), chunk_size):
        piece = (
            pl.from_pandas(df["text"].iloc[i : i + chunk_size])
            if texts is None
            else texts.slice(i, chunk_size)
        )
        yield (frame.iloc[i : i + chunk_size], piece, cols, options)


def _chunks_of(
    df: pd.DataFrame, cols: list[str], options: dict[str, Any], chunk_size: int
) -> list[tuple[list[str], list[Any], list[tuple], dict[str, Any]]]:
    texts = df["text"].tolist()
    langs = df["lang"].tolist() if "lang" in df.columns else ["en"] * len(df)
    keys = list(zip(*(df[c].tolist() for c in cols))) if cols else [()] * len(df)
    return [
        (texts[i : i + chunk_size], langs[i : i + chunk_size], keys[i : i + chunk_size], options)
        for i in range(0, len(texts), chunk_size)
    ]


def _present(texts: pl.Series) -> np.ndarray:
    """A stand-in ``text`` column for :func:`select_units`, which reads only whether a
    unit has a text: ``True`` where it has one, ``None`` where it is missing."""
    return np.where(texts.is_not_null().to_numpy(), True, None)


def _merge_counts(
    parts: Iterable[tuple[dict, dict]],
) -> tuple[dict[tuple, Counter[str]], dict[tuple, int]]:
    counts: dict[tuple, Counter[str]] = {}
    totals: dict[tuple, int] = {}
    for part_counts, part_totals in parts:
        for key, c in part_counts.items():
            if key in counts:
                counts[key].update(c)
                totals[key] += part_totals[key]
            else:
                counts[key], totals[key] = c, part_totals[key]
    return counts, totals


def _counts_frame(
    counts: dict[tuple, Counter[str]],
    totals: dict[tuple, int],
    cols: list[str],
    min_count: int,
    dtypes: dict[str, Any],
) -> pd.DataFrame:
    out_cols = [*cols, "term", "count", "n_tokens", "rate_per_1000"]
    # column lists, not a tuple per row: a table by document has millions of rows
    data: dict[str, list[Any]] = {c: [] for c in [*cols, "term", "count", "n_tokens"]}
    for key, c in counts.items():
        kept = [(term, n) for term, n in c.items() if n >= min_count]
        for col, value in zip([*cols, "n_tokens"], [*key, totals[key]], strict=True):
            data[col].extend(itertools.repeat(value, len(kept)))
        data["term"].extend(term for term, _ in kept)
        data["count"].extend(n for _, n in kept)
    if not data["term"]:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in out_cols})
    out = pd.DataFrame(data)
    out = out.astype({"term": object, "count": "int64", "n_tokens": "int64"})
    for c in cols:
        if c in dtypes:
            out[c] = out[c].astype(dtypes[c])
            if isinstance(out[c].dtype, pd.CategoricalDtype):
                out[c] = out[c].cat.remove_unused_categories()
    out["rate_per_1000"] = 1000.0 * out["count"] / out["n_tokens"]
    out = out.sort_values(
        [*cols, "count", "term"], ascending=[True] * len(cols) + [False, True], kind="mergesort"
    )
    return out[out_cols].reset_index(drop=True)


def term_counts(
    segments: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = ("outlet",),
    roles: Iterable[str] | None = None,
    voices: Iterable[str] | None = None,
    langs: Iterable[str] | None = ("en",),
    min_count: int = 1,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = 5000,
    method: str = "arrow",
    **tokenize_options: Any,
) -> pd.DataFrame:
    """Count terms per group.

    Parameters
    ----------
    segments : pandas.DataFrame
        The segments table.
    by : str or sequence of str, optional
        Grouping columns (any segments column, or ``voice``); ``None`` or ``()``
        counts the whole selection.
    roles, voices, langs
        Which units to count (see :func:`select_units`); boilerplate is
        excluded unless *roles* names it.
    min_count : int
        Drop rows with fewer occurrences (``n_tokens`` still counts all tokens).
    jobs, engine, scheduler
        Tokenize chunks of ``chunk_size`` units in ``jobs`` processes, or on
        Dask (see :func:`corpuslib.parallel.map_ordered`). Same result as serial.
        With ``method="arrow"`` on the local engine the units are counted in this
        process on polars' thread pool (every core, or ``POLARS_MAX_THREADS``;
        worker processes were slower), so *jobs* applies to Dask only.
    chunk_size : int
        Units per chunk of work (with ``method="arrow"`` on the local engine,
        :data:`ARROW_SLICE_UNITS` per polars pass, counted one after the other).
    method : {"arrow", "python"}
        ``"arrow"`` (default) tokenizes and counts the text column with polars
        (:mod:`corpuslib.analysis.columnar`); ``"python"`` runs the reference
        tokenizer unit by unit. The tables are equal (tested). (``engine`` names
        where the work runs: this machine or Dask.)
    **tokenize_options
        Options of :func:`corpuslib.analysis.tokens.build_tokenizer`.

    Returns
    -------
    pandas.DataFrame
        Columns ``[*by, term, count, n_tokens, rate_per_1000]``; ``n_tokens`` is
        the group's total number of tokens, ``rate_per_1000 = 1000 * count /
        n_tokens``. Sorted by group, then count descending, then term.
        Units are tokenized one by one; no corpus-wide token list is built.

    Raises
    ------
    CorpuslibError
        If a grouping column is missing.
    """

    counter = _counter_for(method)
    cols = as_columns(by)
    df = select_units(segments, roles=roles, voices=voices, langs=langs)
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise CorpuslibError(f"term_counts: by={cols}: no column(s) {missing} in segments")
    build_tokenizer(**{k: v for k, v in tokenize_options.items() if k != "lang"})  # validate early
    engine, scheduler = resolve_engine(engine, scheduler)
    if method == "arrow" and engine == "local":  # polars' thread pool does the parallel work
        jobs, chunk_size = 1, ARROW_SLICE_UNITS
    parts = map_ordered(
        counter,
        _chunks_for(method, df, cols, dict(tokenize_options), chunk_size),
        jobs=jobs,
        engine=engine,
        scheduler=scheduler,
    )
    counts, totals = _merge_counts(parts)
    return _counts_frame(counts, totals, cols, min_count, {c: df[c].dtype for c in cols})


def count_terms_parquet(
    path: str | Any,
    *,
    by: str | Sequence[str] | None = ("outlet",),
    roles: Iterable[str] | None = None,
    voices: Iterable[str] | None = None,
    langs: Iterable[str] | None = ("en",),
    outlets: Iterable[str] | None = None,
    exclude: pd.DataFrame | str | os.PathLike[str] | None = None,
    min_count: int = 1,
    batch_rows: int | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = 5000,
    method: str = "arrow",
    **tokenize_options: Any,
) -> pd.DataFrame:
    """:func:`term_counts` streamed over a segments.parquet too large to load at once.

    Reads about ``batch_rows`` rows at a time (only the needed columns; the table is
    cut into batches of equal size, at most 1.5 ``batch_rows``, so there is no small
    last batch); memory is bounded by one batch plus the counts. The default is
    200,000 rows with ``method="arrow"`` (each batch is one polars pass with fixed
    costs: on the 10,000-page benchmark corpus 0.2 GB more than 50,000 rows, a fifth
    less time) and 50,000 otherwise. With ``method="arrow"`` the texts are read by
    polars and never pass through pandas. Parameters and result as :func:`term_counts`; *outlets*
    and *exclude* as in :func:`~corpuslib.corpus.units.select_units`.
    """
    from pathlib import Path

    cols = as_columns(by)
    counter = _counter_for(method)
    if batch_rows is None:
        batch_rows = 200_000 if method == "arrow" else 50_000
    engine, scheduler = resolve_engine(engine, scheduler)
    if method == "arrow" and engine == "local":  # polars' thread pool does the parallel work
        jobs, chunk_size = 1, batch_rows
    derived = {"voice"}
    needed = {"doc_id", "seq", "comment_id", "text", "role", "quoted", "lang", "outlet"}
    needed = sorted(needed | (set(cols) - derived))
    pf = open_parquet(Path(path))
    missing = [c for c in needed if c not in pf.schema_arrow.names]
    if missing:
        raise CorpuslibError(f"count_terms_parquet: {path}: no column(s) {missing}")
    dtypes: dict[str, Any] = {}
    if exclude is not None and not isinstance(exclude, pd.DataFrame):
        exclude = load_exclusions(exclude)
    outlets = list(outlets or [])
    if outlets:
        known = set(pf.read(columns=["outlet"]).column("outlet").to_pylist())
        unknown = sorted(set(outlets) - known)
        if unknown:
            raise CorpuslibError(f"outlets: {unknown} not in {path}; known: {sorted(known)}")

    n_rows = pf.metadata.num_rows
    batch_rows = max(1, -(-n_rows // max(1, round(n_rows / batch_rows))))  # even, no small tail
    if method == "arrow" and engine == "local":
        chunk_size = batch_rows
    texts = pl.scan_parquet(Path(path).resolve()).select("text") if method == "arrow" else None
    columns = [c for c in needed if c != "text"] if method == "arrow" else needed

    def chunks() -> Iterable[tuple]:
        offset = 0
        for batch in pf.iter_batches(batch_size=batch_rows, columns=columns):
            df = batch.to_pandas()
            text = None
            if texts is not None:  # the texts straight into polars; pandas selects the rows
                text = texts.slice(offset, len(df)).collect().get_column("text")
                df["text"] = _present(text)
            offset += len(df)
            if outlets:
                df = df[df["outlet"].isin(outlets)]
            df = select_units(df, roles=roles, voices=voices, langs=langs, exclude=exclude)
            for c in cols:
                dtypes.setdefault(c, df[c].dtype)
            if text is None:
                yield from _chunks_for(method, df, cols, dict(tokenize_options), chunk_size)
            else:
                rows = pl.Series(df.index.to_numpy(dtype=np.int64))
                yield from _arrow_chunks(
                    df, text.gather(rows), cols, dict(tokenize_options), chunk_size
                )

    parts = map_ordered(counter, chunks(), jobs=jobs, engine=engine, scheduler=scheduler)
    counts, totals = _merge_counts(parts)
    return _counts_frame(counts, totals, cols, min_count, dtypes)


def document_frequency(
    segments: pd.DataFrame,
    *,
    unit: str | Sequence[str] = "doc_id",
    by: str | Sequence[str] | None = None,
    roles: Iterable[str] | None = None,
    voices: Iterable[str] | None = None,
    langs: Iterable[str] | None = ("en",),
    **tokenize_options: Any,
) -> pd.DataFrame:
    """In how many documents (or other units) each term occurs.

    Parameters
    ----------
    segments : pandas.DataFrame
        The segments table.
    unit : str or sequence of str
        What counts as one document: ``"doc_id"`` (default) or e.g.
        ``("doc_id", "seq")`` for single segments.
    by : str or sequence of str, optional
        Compute separately per group (e.g. ``"voice"``).
    roles, voices, langs, **tokenize_options
        As in :func:`term_counts`.

    Returns
    -------
    pandas.DataFrame
        Columns ``[*by, term, df, n_units, share]`` (``share = df / n_units``),
        sorted by group, df descending, term.
    """
    units, cols = as_columns(unit), as_columns(by)
    df = select_units(segments, roles=roles, voices=voices, langs=langs)
    long = _long(df, _tokenize_units(df, tokenize_options), list(dict.fromkeys([*cols, *units])))
    out_cols = [*cols, "term", "df", "n_units", "share"]
    if long.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in out_cols})
    pairs = long.drop_duplicates([*cols, *units, "term"])
    out = pairs.groupby([*cols, "term"], observed=True).size().rename("df").reset_index()
    if cols:
        n_units = df.groupby(cols, observed=True)[units].apply(lambda g: len(g.drop_duplicates()))
        out = out.join(n_units.rename("n_units"), on=cols)
    else:
        out["n_units"] = len(df[units].drop_duplicates())
    out["share"] = out["df"] / out["n_units"]
    out = out.sort_values(
        [*cols, "df", "term"], ascending=[True] * len(cols) + [False, True], kind="mergesort"
    )
    return out[out_cols].reset_index(drop=True)


def tfidf_terms(
    segments: pd.DataFrame,
    *,
    by: str | Sequence[str] = "doc_id",
    top_n: int = 10,
    min_count: int = 1,
    roles: Iterable[str] | None = None,
    voices: Iterable[str] | None = None,
    langs: Iterable[str] | None = ("en",),
    **tokenize_options: Any,
) -> pd.DataFrame:
    """Distinctive terms per document (or outlet, voice...) by tf-idf.

    Each group is one document. ``tf`` is the raw count, ``idf = ln((1 + N) /
    (1 + df)) + 1`` (scikit-learn's smoothed idf, N = number of groups), and
    ``tfidf`` is ``tf * idf`` divided by the group's L2 norm. With few groups
    (five documents) idf takes only a few values: read it as "frequent here,
    rare elsewhere", not as a test.

    Parameters
    ----------
    segments : pandas.DataFrame
        The segments table.
    by : str or sequence of str
        The grouping that defines a "document".
    top_n : int
        Terms kept per group.
    min_count : int
        Ignore terms with fewer occurrences in the group.
    roles, voices, langs, **tokenize_options
        As in :func:`term_counts`.

    Returns
    -------
    pandas.DataFrame
        Columns ``[*by, rank, term, count, df, n_groups, tfidf]``.
    """
    cols = as_columns(by)
    if not cols:
        raise CorpuslibError("tfidf_terms: by must name at least one column")
    counts = term_counts(
        segments, by=cols, roles=roles, voices=voices, langs=langs, **tokenize_options
    )
    out_cols = [*cols, "rank", "term", "count", "df", "n_groups", "tfidf"]
    if counts.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in out_cols})
    groups = counts[cols].drop_duplicates()
    n = len(groups)
    dfreq = counts.groupby("term").size().rename("df")
    counts = counts.join(dfreq, on="term")
    counts["n_groups"] = n
    weight = counts["count"] * (np.log((1 + n) / (1 + counts["df"])) + 1.0)
    norm = np.sqrt((weight**2).groupby([counts[c] for c in cols], observed=True).transform("sum"))
    counts["tfidf"] = weight / norm
    counts = counts.loc[counts["count"] >= min_count]
    counts = counts.sort_values(
        [*cols, "tfidf", "term"], ascending=[True] * len(cols) + [False, True], kind="mergesort"
    )
    counts["rank"] = counts.groupby(cols, observed=True).cumcount() + 1
    counts = counts.loc[counts["rank"] <= top_n]
    return counts[out_cols].reset_index(drop=True)


def dispersion(
    segments: pd.DataFrame,
    *,
    parts: str | Sequence[str] = "doc_id",
    min_count: int = 1,
    roles: Iterable[str] | None = None,
    voices: Iterable[str] | None = None,
    langs: Iterable[str] | None = ("en",),
    **tokenize_options: Any,
) -> pd.DataFrame:
    """How evenly each term is spread across corpus parts (documents by default).

    Two measures:

    * Gries' *DP* ("deviation of proportions"; Gries 2008, "Dispersions and
      adjusted frequencies in corpora", *IJCL* 13(4)): with ``s_i`` the share of
      all tokens in part *i* and ``v_i`` the share of the term's occurrences in
      part *i*, ``DP = 0.5 * Σ|v_i − s_i|``; 0 = spread exactly like the corpus,
      towards 1 = concentrated in one part. ``dp_norm = DP / (1 − min s_i)``
      (Lijffijt & Gries 2012) lies in [0, 1].
    * Juilland's *D* (Juilland & Chang-Rodríguez 1964): ``D = 1 − V / sqrt(n − 1)``
      with ``V`` the coefficient of variation of the term's relative frequency
      (count / part size) over the *n* parts; 1 = perfectly even. NaN when n < 2.

    Parameters
    ----------
    segments : pandas.DataFrame
        The segments table.
    parts : str or sequence of str
        Columns defining the parts (``"doc_id"``, ``"outlet"``...).
    min_count : int
        Terms with a lower corpus frequency are left out.
    roles, voices, langs, **tokenize_options
        As in :func:`term_counts`.

    Returns
    -------
    pandas.DataFrame
        Columns ``term, count, range, n_parts, dp, dp_norm, juilland_d``,
        sorted by count descending, then term.
    """
    cols = as_columns(parts)
    counts = term_counts(
        segments, by=cols, roles=roles, voices=voices, langs=langs, **tokenize_options
    )
    out_cols = ["term", "count", "range", "n_parts", "dp", "dp_norm", "juilland_d"]
    if counts.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in out_cols})
    part_key = counts[cols].astype(str).agg("\x1f".join, axis=1)
    table = (
        counts.assign(_part=part_key)
        .pivot_table(index="term", columns="_part", values="count", aggfunc="sum", fill_value=0)
        .sort_index()
    )
    sizes = counts.assign(_part=part_key).groupby("_part")["n_tokens"].first()
    sizes = sizes.reindex(table.columns).to_numpy(dtype=float)
    freq = table.to_numpy(dtype=float)
    total = freq.sum(axis=1)
    s = sizes / sizes.sum()
    v = freq / total[:, None]
    dp = 0.5 * np.abs(v - s[None, :]).sum(axis=1)
    dp_norm = dp / (1.0 - s.min()) if s.min() < 1 else np.full_like(dp, np.nan)
    n = freq.shape[1]
    rel = freq / sizes[None, :]
    if n >= 2:
        mean = rel.mean(axis=1)
        cv = rel.std(axis=1, ddof=0) / mean
        juilland = 1.0 - cv / math.sqrt(n - 1)
    else:
        juilland = np.full(len(total), np.nan)
    out = pd.DataFrame(
        {
            "term": table.index.to_numpy(dtype=object),
            "count": total.astype(np.int64),
            "range": (freq > 0).sum(axis=1),
            "n_parts": n,
            "dp": dp,
            "dp_norm": dp_norm,
            "juilland_d": juilland,
        }
    )
    out = out.loc[out["count"] >= min_count]
    out = out.sort_values(["count", "term"], ascending=[False, True], kind="mergesort")
    return out[out_cols].reset_index(drop=True)


def zipf_table(
    segments: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    roles: Iterable[str] | None = None,
    voices: Iterable[str] | None = None,
    langs: Iterable[str] | None = ("en",),
    **tokenize_options: Any,
) -> pd.DataFrame:
    """Rank-frequency table (for a Zipf plot), per group if *by* is given.

    Returns
    -------
    pandas.DataFrame
        Columns ``[*by, rank, term, count, rel_freq]``: rank 1 = most frequent
        (ties broken alphabetically), ``rel_freq = count / n_tokens``.
    """
    cols = as_columns(by)
    counts = term_counts(
        segments, by=cols, roles=roles, voices=voices, langs=langs, **tokenize_options
    )
    out_cols = [*cols, "rank", "term", "count", "rel_freq"]
    if counts.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in out_cols})
    counts["rel_freq"] = counts["count"] / counts["n_tokens"]
    if cols:
        counts["rank"] = counts.groupby(cols, observed=True).cumcount() + 1
    else:
        counts["rank"] = np.arange(1, len(counts) + 1)
    return counts[out_cols].reset_index(drop=True)


#: A term or pair with more than this share of its occurrences in one unit
#: (one paragraph, comment, title) is flagged ``concentrated``.
MAX_UNIT_SHARE = 0.5


def unit_spread(
    occurrences: pd.DataFrame, keys: list[str], *, max_unit_share: float
) -> pd.DataFrame:
    """Per *keys*: ``total, n_docs, n_units, top_unit, top_unit_share, concentrated``.

    *occurrences* has one row per (key, unit) with ``doc_id``, ``_unit`` (the
    unit's id as ``"doc_id:seq"``) and ``count``. ``top_unit`` is the unit with
    most occurrences (ties: the smallest id).
    """
    occ = occurrences.sort_values(["count", "_unit"], ascending=[False, True], kind="mergesort")
    g = occ.groupby(keys, observed=True, sort=False)
    out = g.agg(
        total=("count", "sum"),
        n_docs=("doc_id", "nunique"),
        n_units=("_unit", "nunique"),
        top_unit=("_unit", "first"),
        _max=("count", "first"),
    ).reset_index()
    out["top_unit_share"] = out["_max"] / out["total"]
    out["concentrated"] = out["top_unit_share"] > max_unit_share
    return out.drop(columns="_max")


def sample_sizes(
    segments: pd.DataFrame,
    *,
    by: str | Sequence[str] = "voice",
    voices: Iterable[str] | None = None,
    langs: Iterable[str] | None = ("en",),
    roles: Iterable[str] | None = None,
    **tokenize_options: Any,
) -> pd.DataFrame:
    """The n behind every rate: documents, units, tokens and counted tokens per group.

    Two token counts, because analyses count differently: frame rates and the corpus
    overview count every running token (``tokens``: the default tokenizer, function words
    included), while word counts, keyword comparisons and collocates count what is left
    after the options of those counts (``counted_tokens``: with *tokenize_options*, e.g.
    stopwords removed and aliases merged). Report the column that matches the statistic.

    Parameters
    ----------
    segments : pandas.DataFrame
        The segments table (or a selection of it).
    by : str or sequence of str
        Grouping columns (``voice`` is added when absent).
    voices, langs, roles
        The selection, as in :func:`~corpuslib.corpus.units.select_units`.
    **tokenize_options
        The options of the counts whose n this reports (stopwords, aliases, numbers, …).

    Returns
    -------
    pandas.DataFrame
        Columns ``[*by, documents, units, tokens, counted_tokens,
        excluded_other_language]``: the last counts the units of the group left out by
        the language filter.

    Examples
    --------
    >>> seg = pd.DataFrame({"doc_id": ["d", "d"], "role": ["body", "comment"],
    ...     "quoted": [False, False], "lang": ["en", "en"],
    ...     "text": ["The troops of the US.", "Iran and Iraq"]})
    >>> sample_sizes(seg, stopwords=True)
           voice  documents  units  tokens  counted_tokens  excluded_other_language
    0     author          1      1       5               2                        0
    1  commenter          1      1       3               2                        0
    """
    cols = as_columns(by)
    units = select_units(segments, voices=voices, langs=langs, roles=roles)
    every = select_units(segments, voices=voices, langs=None, roles=roles)
    sizes = units.groupby(cols, observed=True).agg(
        documents=("doc_id", "nunique"), units=("text", "size")
    )
    for name, options in (("tokens", {}), ("counted_tokens", tokenize_options)):
        tokenizer = build_tokenizer(**options)
        lengths: dict[str, int] = {}  # a repeated text is tokenized once
        n = units.assign(_n=[
            lengths[t] if t in lengths else lengths.setdefault(t, len(tokenizer(t)))
            for t in units["text"].tolist()
        ])
        sizes = sizes.join(n.groupby(cols, observed=True)["_n"].sum().rename(name))
    other = every.groupby(cols, observed=True).size() - units.groupby(cols, observed=True).size()
    sizes = sizes.join(other.rename("excluded_other_language"))
    return sizes.fillna(0).astype("int64").reset_index()


def describe_concentrated(
    table: pd.DataFrame, segments: pd.DataFrame, *, label: str = "term"
) -> str:
    """One sentence per concentrated row of a :func:`top_terms` / :func:`collocations` table.

    Names each item seen more than once whose ``top_unit`` holds more than half
    of its occurrences, with that unit's role and length, so a notebook's
    narrative cannot drift from the table. Returns ``"none"`` when there is none.
    Every value from the corpus is escaped for Markdown (:func:`~corpuslib.escape.escape_markdown`).
    """
    units = segments.assign(
        _unit=segments["doc_id"].astype(str) + ":" + segments["seq"].astype(str)
    ).set_index("_unit")
    flagged = table.loc[table["concentrated"] & (table["count"] > 1)]
    parts = []
    for r in flagged.to_dict("records"):
        unit = units.loc[r["top_unit"]]
        who = f"{escape_markdown(r['voice'])} " if "voice" in r else ""
        parts.append(
            f"{who}*{escape_markdown(r[label])}* ({round(r['top_unit_share'] * r['count'])} of "
            f"{r['count']} in {escape_markdown(unit['role'])} `{str(r['top_unit']).replace('`', '')}`, "
            f"{len(unit['text']):,} characters)"
        )
    return "; ".join(parts) or "none"


def _top_terms(counts: pd.DataFrame, by: Sequence[str], top_n: int) -> pd.DataFrame:
    """The first *top_n* rows of each group of a :func:`term_counts` table."""
    by = list(by)
    if not by:
        return counts.head(top_n).reset_index(drop=True)
    return counts.groupby(by, observed=True, sort=False).head(top_n).reset_index(drop=True)


_UNITS_PER_SLICE = ARROW_SLICE_UNITS


def top_terms(
    counts: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = None,
    top_n: int = 10,
    segments: pd.DataFrame | None = None,
    roles: Iterable[str] | None = None,
    voices: Iterable[str] | None = None,
    langs: Iterable[str] | None = ("en",),
    max_unit_share: float = MAX_UNIT_SHARE,
    **tokenize_options: Any,
) -> pd.DataFrame:
    """Keep the *top_n* most frequent terms of each group of a :func:`term_counts` table.

    Given the *segments* the counts came from (and the same selection and
    tokenizer options), each term also gets its dispersion, so a term that is
    frequent only because one unit repeats it (a pasted advert, a signature)
    is flagged instead of read as typical of its group.

    Parameters
    ----------
    counts : pandas.DataFrame
        Output of :func:`term_counts` (sorted by count within groups).
    by : str or sequence of str, optional
        Grouping columns; default: every column before ``term``.
    top_n : int
        Rows kept per group.
    segments : pandas.DataFrame, optional
        The segments table; adds the dispersion columns.
    roles, voices, langs, **tokenize_options
        As given to :func:`term_counts` for *counts* (checked: the recount
        unit by unit must give the same counts).
    max_unit_share : float
        Flag a term with more than this share of its occurrences in one unit.

    Returns
    -------
    pandas.DataFrame
        Same columns, at most *top_n* rows per group; with *segments* also
        ``n_docs`` and ``n_units`` (documents and units of the group the term
        occurs in), ``top_unit`` (``"doc_id:seq"`` of the unit with most of its
        occurrences), ``top_unit_share`` (their share of the term's count) and
        ``concentrated`` (that share > *max_unit_share*).

    Raises
    ------
    CorpuslibError
        If the recount from *segments* does not reproduce *counts*.

    Examples
    --------
    >>> seg = pd.DataFrame({"doc_id": ["a", "a", "b"], "role": ["comment"] * 3,
    ...     "seq": [0, 1, 0], "quoted": [False] * 3, "lang": ["en"] * 3,
    ...     "text": ["Shia Shia Shia Iraq", "Iraq", "Iraq Shia"]})
    >>> counts = term_counts(seg, by="voice")
    >>> top_terms(counts, segments=seg)[["term", "count", "n_docs", "n_units", "concentrated"]]
       term  count  n_docs  n_units  concentrated
    0  shia      4       2        2          True
    1  iraq      3       2        3         False
    """
    if by is None:
        cols = list(counts.columns[: list(counts.columns).index("term")])
    else:
        cols = as_columns(by)
    top = _top_terms(counts, cols, top_n)
    if segments is None or top.empty:
        return top
    per_unit = _top_term_units(top, cols, segments, roles=roles, voices=voices, langs=langs,
                               **tokenize_options)
    per_unit["_unit"] = per_unit["doc_id"].astype(str) + ":" + per_unit["seq"].astype(str)
    where = unit_spread(per_unit, [*cols, "term"], max_unit_share=max_unit_share)
    out = top.merge(where, on=[*cols, "term"], how="left", validate="one_to_one")
    bad = out.loc[out["total"].fillna(-1).astype(int) != out["count"].astype(int), "term"]
    if len(bad):
        raise CorpuslibError(
            f"top_terms: recounting {sorted(map(str, bad))[:5]} unit by unit does not give "
            "the counts table's numbers; pass the roles, voices, langs and tokenizer "
            "options the counts were made with"
        )
    return out.drop(columns="total").astype({"n_docs": "int64", "n_units": "int64"})


def _top_term_units(
    top: pd.DataFrame,
    cols: list[str],
    segments: pd.DataFrame,
    *,
    roles: Iterable[str] | None,
    voices: Iterable[str] | None,
    langs: Iterable[str] | None,
    **tokenize_options: Any,
) -> pd.DataFrame:
    """One row per (group, top term, unit) holding it: ``[*cols, term, doc_id, seq, count]``.

    A unit's counts depend only on its text and language, so each distinct
    (text, lang) is counted once and its counts of the top terms go to every unit
    holding it. Counted a slice of distinct texts at a time and cut to the top terms
    at once: the text-by-term table of a whole large corpus would not fit in memory.
    """
    units = select_units(segments, roles=roles, voices=voices, langs=langs)
    keys = [c for c in ("text", "lang") if c in units.columns]
    text_id = units.groupby(keys, sort=False, dropna=False, observed=True).ngroup().to_numpy()
    first = ~pd.Series(text_id).duplicated().to_numpy()
    distinct = units.loc[first].assign(_text=text_id[first])  # selected again: kept whole
    wanted = pd.Index(top["term"].unique())
    parts = []
    for i in range(0, max(len(distinct), 1), _UNITS_PER_SLICE):
        part = term_counts(distinct.iloc[i : i + _UNITS_PER_SLICE], by="_text", roles=roles,
                           voices=voices, langs=langs, **tokenize_options)
        parts.append(part.loc[part["term"].isin(wanted), ["_text", "term", "count"]])
    per_text = pd.concat(parts, ignore_index=True)
    where = units[[*cols, "doc_id", "seq"]].assign(_text=text_id)
    per_unit = where.merge(per_text, on="_text").drop(columns="_text")
    per_unit = per_unit.astype({c: top[c].dtype for c in cols})  # as the counts table's groups
    return per_unit.merge(top[[*cols, "term"]], on=[*cols, "term"], how="inner")


def compare_rates(
    counts: pd.DataFrame, *, by: str, a: str, b: str, min_count: int = 1
) -> pd.DataFrame:
    """Put the rates of two groups of a :func:`term_counts` table side by side.

    Parameters
    ----------
    counts : pandas.DataFrame
        Output of :func:`term_counts` grouped by *by*.
    by : str
        The grouping column (e.g. ``"voice"``).
    a, b : str
        The two groups compared (e.g. ``"author"`` and ``"commenter"``).
    min_count : int
        Keep terms with at least this many occurrences in a and b together.

    Returns
    -------
    pandas.DataFrame
        Columns ``term, count_a, count_b, rate_a, rate_b, n_a, n_b``; a term
        absent from a group has count 0 and rate 0. Sorted by total count
        descending, then term.

    Raises
    ------
    CorpuslibError
        If *a* or *b* has no tokens (e.g. a run without comments).
    """
    present = set(counts[by].astype(str))
    missing = [g for g in (a, b) if g not in present]
    if missing:
        raise CorpuslibError(
            f"compare_rates: no tokens for {by} {missing} (present: {sorted(present)}); "
            "a rate comparison needs both groups"
        )
    sub = counts.loc[counts[by].astype(str).isin([a, b])]
    wide_c = sub.pivot_table(
        index="term", columns=by, values="count", aggfunc="sum", fill_value=0, observed=True
    )
    n = sub.groupby(sub[by].astype(str), observed=True)["n_tokens"].first()
    out = pd.DataFrame(index=wide_c.index)
    out["count_a"] = wide_c[a].astype(int) if a in wide_c.columns else 0
    out["count_b"] = wide_c[b].astype(int) if b in wide_c.columns else 0
    out["n_a"] = int(n.get(a, 0))
    out["n_b"] = int(n.get(b, 0))
    out["rate_a"] = np.where(
        out["n_a"] > 0, 1000.0 * out["count_a"] / out["n_a"].clip(lower=1), 0.0
    )
    out["rate_b"] = np.where(
        out["n_b"] > 0, 1000.0 * out["count_b"] / out["n_b"].clip(lower=1), 0.0
    )
    out = out.reset_index()
    out = out.loc[out["count_a"] + out["count_b"] >= min_count]
    out = out.assign(_t=out["count_a"] + out["count_b"]).sort_values(
        ["_t", "term"], ascending=[False, True], kind="mergesort"
    )
    return out[["term", "count_a", "count_b", "rate_a", "rate_b", "n_a", "n_b"]].reset_index(
        drop=True
    )


def counter_of(counts: pd.DataFrame, *, by: str, group: str) -> Counter[str]:
    """Return ``{term: count}`` for one group of a :func:`term_counts` table.

    Handy as input to :func:`corpuslib.log_odds_dirichlet` and :func:`corpuslib.keyness`.
    """
    sub = counts.loc[counts[by].astype(str) == str(group)]
    return Counter(dict(zip(sub["term"], sub["count"].astype(int), strict=True)))

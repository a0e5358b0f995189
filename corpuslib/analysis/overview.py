"""Corpus overview tables and the cleaning audit (used by notebook 00).

Every table is a tidy DataFrame computed from ``segments`` / ``docs``; plotting
helpers draw on a given Axes and return it.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from corpuslib.analysis.tokens import build_tokenizer
from corpuslib.corpus.units import ANALYSED_VOICES, ROLES, add_voice
from corpuslib.escape import escape_markdown

__all__ = [
    "audit_summary",
    "build_warnings",
    "cleaning_audit",
    "comments_per_page",
    "describe_confounding",
    "describe_exclusions",
    "describe_sample",
    "docs_per_outlet",
    "language_table",
    "low_confidence_units",
    "selection_summary",
    "units_by_role",
    "units_per_document",
]


def docs_per_outlet(docs: pd.DataFrame) -> pd.DataFrame:
    """Documents per outlet with their date range and comment counts.

    Parameters
    ----------
    docs : DataFrame
        The docs table (:func:`corpuslib.corpus.build.load_docs`).

    Returns
    -------
    DataFrame
        Columns ``outlet, n_docs, n_skipped, first_published, last_published, n_comments``.
    """
    d = docs.assign(skipped=docs["status"].eq("skipped"))
    out = d.groupby("outlet", sort=True).agg(
        n_docs=("doc_id", "size"),
        n_skipped=("skipped", "sum"),
        first_published=("published", "min"),
        last_published=("published", "max"),
        n_comments=("n_comments", "sum"),
    )
    return out.reset_index()


def units_by_role(
    segments: pd.DataFrame, *, tokenizer: Callable[[str], list[str]] | None = None
) -> pd.DataFrame:
    """Units, characters and tokens per role (and per quoted flag for body).

    Parameters
    ----------
    segments : DataFrame
        The segments table.
    tokenizer : callable, optional
        ``str -> list[str]``; default :func:`corpuslib.analysis.tokens.tokenize` with its defaults.

    Returns
    -------
    DataFrame
        Columns ``role, quoted, n_units, n_chars, n_tokens`` in role order.
    """
    if tokenizer is None:

        tokenizer = build_tokenizer()
    distinct: dict[str, int] = {}  # a repeated text is tokenized once
    s = segments.assign(
        n_chars=segments["text"].str.len().astype("int64"),
        n_tokens=[
            distinct[t] if t in distinct else distinct.setdefault(t, len(tokenizer(t)))
            for t in segments["text"]
        ],
    )
    out = (
        s.groupby(["role", "quoted"], sort=False)
        .agg(n_units=("text", "size"), n_chars=("n_chars", "sum"), n_tokens=("n_tokens", "sum"))
        .reset_index()
    )
    out["role"] = pd.Categorical(out["role"], categories=ROLES, ordered=True)
    return out.sort_values(["role", "quoted"]).reset_index(drop=True).astype({"role": "string"})


def units_per_document(segments: pd.DataFrame) -> pd.DataFrame:
    """Number of units per document and role (wide: one column per role)."""
    table = segments.groupby(["doc_id", "outlet", "role"]).size().unstack("role", fill_value=0)
    return table.reindex(columns=ROLES, fill_value=0).reset_index()


def comments_per_page(segments: pd.DataFrame) -> pd.DataFrame:
    """Comments per document: count, named commenters, and median comment length.

    Pages without comments appear with zeros.
    """
    docs = segments[["doc_id", "outlet"]].drop_duplicates()
    # the comments' three columns read, not every column of every comment
    c = segments.loc[(segments["role"] == "comment").to_numpy(dtype=bool), ["doc_id", "commenter", "text"]]
    c = c.assign(chars=c["text"].str.len().astype("float64"))  # a missing text: NaN, skipped
    agg = c.groupby("doc_id").agg(
        n_comments=("text", "size"),
        n_named_commenters=("commenter", "nunique"),
        median_chars=("chars", "median"),
    )
    out = docs.merge(agg, on="doc_id", how="left")
    out[["n_comments", "n_named_commenters"]] = (
        out[["n_comments", "n_named_commenters"]].fillna(0).astype("int64")
    )
    return out.sort_values("doc_id").reset_index(drop=True)


def language_table(segments: pd.DataFrame) -> pd.DataFrame:
    """Units per language and role (``und`` = undetermined)."""
    t = segments.groupby(["lang", "role"]).size().unstack("role", fill_value=0)
    t = t.reindex(columns=[r for r in ROLES if r in t.columns])
    t["total"] = t.sum(axis=1)
    return t.sort_values("total", ascending=False).reset_index()


def cleaning_audit(segments: pd.DataFrame) -> pd.DataFrame:
    """Every unit set aside as boilerplate, with the rule that did it and where.

    Returns
    -------
    DataFrame
        Columns ``doc_id, seq, start, end, rule, text``: read it to check that
        nothing of the article or the comments was removed.
    """
    b = segments[segments["role"] == "boilerplate"]
    cols = ["doc_id", "seq", "start", "end", "rule", "text"]
    cols += ["confidence"] if "confidence" in b.columns else []
    return b[cols].reset_index(drop=True)


def low_confidence_units(segments: pd.DataFrame, *, below: float = 0.6) -> pd.DataFrame:
    """Units whose placement the segmenter was unsure of (``confidence < below``), any role.

    Read these first when checking a build: short lines kept in or dropped from an
    article, comment sections found from only two records, headline guesses.

    Returns
    -------
    DataFrame
        Columns ``doc_id, seq, role, rule, confidence, text``, least confident first.
    """
    if "confidence" not in segments.columns:
        return pd.DataFrame(columns=["doc_id", "seq", "role", "rule", "confidence", "text"])
    low = segments[segments["confidence"] < below]
    cols = ["doc_id", "seq", "role", "rule", "confidence", "text"]
    return low[cols].sort_values(["confidence", "doc_id", "seq"]).reset_index(drop=True)


def repeated_units(segments: pd.DataFrame) -> pd.DataFrame:
    """Units that repeat an earlier unit of the page (``duplicate_of`` set), beside the unit they repeat.

    Analyses count such a unit once (:func:`corpuslib.select_units`); read the list to
    see what repeats (a pull quote, a comment posted twice, a quoted parent comment).

    Returns
    -------
    DataFrame
        Columns ``doc_id, seq, role, duplicate_of, original_role, text``, in page order.
    """
    cols = ["doc_id", "seq", "role", "duplicate_of", "original_role", "text"]
    if "duplicate_of" not in segments.columns:
        return pd.DataFrame(columns=cols)
    rep = segments[segments["duplicate_of"].notna()]
    roles = segments.set_index(["doc_id", "seq"])["role"]
    original = [roles.get((d, int(o))) for d, o in zip(rep["doc_id"], rep["duplicate_of"])]
    out = rep.assign(original_role=original)[cols]
    return out.sort_values(["doc_id", "seq"]).reset_index(drop=True)


def audit_summary(segments: pd.DataFrame) -> pd.DataFrame:
    """Per document: boilerplate units, their characters and share of all characters."""
    s = segments.assign(n_chars=segments["text"].str.len().astype("int64"))
    total = s.groupby("doc_id")["n_chars"].sum()
    boiler = (
        s[s["role"] == "boilerplate"]
        .groupby("doc_id")
        .agg(n_boilerplate=("text", "size"), boilerplate_chars=("n_chars", "sum"))
    )
    out = pd.DataFrame({"total_chars": total}).join(boiler).fillna(0)
    out = out.astype({"n_boilerplate": "int64", "boilerplate_chars": "int64"})
    out["boilerplate_share"] = (out["boilerplate_chars"] / out["total_chars"]).round(4)
    return out.reset_index()


def build_warnings(docs: pd.DataFrame) -> pd.DataFrame:
    """Pages the build skipped or warned about, with the reason (one row per page).

    Returns
    -------
    DataFrame
        Columns ``doc_id, file, status, warnings``; empty when every page built cleanly.
    """
    flagged = docs[docs["warnings"].notna() | docs["status"].ne("ok")]
    return flagged[["doc_id", "file", "status", "warnings"]].reset_index(drop=True)


def describe_sample(segments: pd.DataFrame) -> str:
    """One sentence on what the corpus can support, computed from ``segments``.

    Notebooks print it instead of writing corpus facts into their narrative,
    so the text stays true when pages are added.

    Examples
    --------
    >>> seg = pd.DataFrame({"doc_id": ["a", "a", "b"], "outlet": ["X", "X", "Y"],
    ...                     "role": ["body", "comment", "body"]})
    >>> describe_sample(seg)
    '2 pages from 2 outlets; 1 page with reader comments (1 comment, 1 site); 2 of 2 outlets rest on a single page, so an outlet comparison is a comparison of pages.'
    """
    pages = segments["doc_id"].nunique()
    per_outlet = segments.groupby("outlet", observed=True)["doc_id"].nunique()
    comments = segments.loc[(segments["role"] == "comment").to_numpy(dtype=bool), ["doc_id", "outlet"]]
    with_comments = comments["doc_id"].nunique()
    sites = comments["outlet"].nunique()
    single = int((per_outlet == 1).sum())

    def n(k: int, word: str) -> str:
        return f"{k:,} {word}" + ("" if k == 1 else "s")

    text = (
        f"{n(pages, 'page')} from {n(len(per_outlet), 'outlet')}; "
        f"{n(with_comments, 'page')} with reader comments "
        f"({n(len(comments), 'comment')}, {n(sites, 'site')})"
    )
    if single:
        text += (
            f"; {single} of {len(per_outlet)} outlets rest on a single page, so an outlet "
            "comparison is a comparison of pages"
        )
    return text + "."


def selection_summary(segments: pd.DataFrame, selected: pd.DataFrame) -> pd.DataFrame:
    """Units per voice in the corpus and in the selection the analyses use.

    Parameters
    ----------
    segments : pandas.DataFrame
        The whole segments table.
    selected : pandas.DataFrame
        What :func:`~corpuslib.corpus.units.select_units` kept of it.

    Returns
    -------
    pandas.DataFrame
        Columns ``voice, documents, units, selected_documents, selected_units``, one row
        per analysable voice (title, author, quoted, commenter).

    Examples
    --------
    >>> seg = pd.DataFrame({"doc_id": ["d", "d", "e"], "role": ["body", "comment", "body"],
    ...     "quoted": [False, False, False], "text": ["a", "b", "c"]})
    >>> selection_summary(seg, seg.iloc[[0]].assign(voice="author"))["selected_units"].tolist()
    [0, 1, 0, 0]
    """
    # only the two columns counted: the rows filtered per voice carry no text
    every = add_voice(segments)[["voice", "doc_id"]]
    every = every[every["voice"].isin(ANALYSED_VOICES)]
    if len(selected):
        selected = selected[["voice", "doc_id"]]
    rows = []
    for voice in ANALYSED_VOICES:
        mine = every[every["voice"] == voice]
        kept = selected[selected["voice"].astype(str) == voice] if len(selected) else selected
        rows.append({
            "voice": voice,
            "documents": int(mine["doc_id"].nunique()),
            "units": len(mine),
            "selected_documents": int(kept["doc_id"].nunique()) if len(kept) else 0,
            "selected_units": len(kept),
        })
    return pd.DataFrame(rows)


def describe_exclusions(excluded: pd.DataFrame) -> str:
    """One sentence on what the exclusion file removed (from :func:`excluded_units`).

    Examples
    --------
    >>> describe_exclusions(pd.DataFrame(columns=["doc_id", "n_units", "reason"]))
    'The exclusion file lists no units: every unit is analysed.'
    """
    if excluded.empty:
        return "The exclusion file lists no units: every unit is analysed."
    stale = excluded[excluded["n_units"] == 0]
    removed = excluded[excluded["n_units"] > 0]
    text = (
        f"The exclusion file removes {len(removed)} unit(s) from {removed['doc_id'].nunique()} "
        f"page(s), each with its reason (table above)."
    )
    if len(stale):
        text += (
            f" {len(stale)} entr{'y matches' if len(stale) == 1 else 'ies match'} no unit "
            f"({', '.join(escape_markdown(d) for d in stale['doc_id'].astype(str))}): check doc_id, seq and comment_id."
        )
    return text


def describe_confounding(units: pd.DataFrame, a: str = "outlet", b: str = "period") -> str:
    """Say whether two grouping columns can be told apart in these units.

    When every value of *a* falls in a single value of *b* (each outlet's pages come
    from one period), a difference between outlets is also a difference between
    periods: the data cannot separate them.

    Examples
    --------
    >>> u = pd.DataFrame({"outlet": ["X", "X", "Y"], "period": ["2007", "2007", "2014"]})
    >>> describe_confounding(u)
    'Every outlet falls in one period (X: 2007; Y: 2014): outlet and period coincide, so an outlet difference may be a difference of period (events, news agenda) and cannot be separated from it here.'
    """
    pairs = units[[a, b]].astype(str).drop_duplicates()
    spans = pairs.groupby(a)[b].agg(lambda s: ", ".join(sorted(s)))
    if (pairs.groupby(a).size() == 1).all() and len(spans) > 1:
        listing = "; ".join(f"{escape_markdown(k)}: {escape_markdown(v)}" for k, v in spans.items())
        return (
            f"Every {a} falls in one {b} ({listing}): {a} and {b} coincide, so an {a} difference "
            f"may be a difference of {b} (events, news agenda) and cannot be separated from it here."
        )
    shared = pairs.groupby(b)[a].nunique()
    return (
        f"{int((shared > 1).sum())} of {len(shared)} {b}s hold more than one {a}, so {a} and {b} "
        f"can be compared within {b}s there."
    )

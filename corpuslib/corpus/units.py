"""Units: the roles a segment can have, the voices an analysis speaks of, and
:func:`select_units`, the one way every analysis, notebook and command chooses units.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from corpuslib import paths
from corpuslib.errors import CorpuslibError, LexiconError
from corpuslib.lexicons import parse_yaml, read_yaml_text

__all__ = [
    "ANALYSED_VOICES",
    "EXCLUSION_COLUMNS",
    "ROLES",
    "VOICES",
    "add_period",
    "add_voice",
    "as_columns",
    "excluded_units",
    "load_exclusions",
    "require_columns",
    "select_units",
    "voice_of",
]


#: The roles the segmenter gives a unit, in display order.
ROLES: tuple[str, ...] = ("title", "body", "comment", "boilerplate")

#: The voices a unit can have, in display order: ``body`` splits into the author's own
#: voice and quotations; ``comment`` is the commenter's voice.
VOICES: tuple[str, ...] = ("title", "author", "quoted", "commenter", "boilerplate")

#: The voices an analysis can select (boilerplate never is).
ANALYSED_VOICES: tuple[str, ...] = ("title", "author", "quoted", "commenter")


_REQUIRED = ("doc_id", "role", "text")


def _check(segments: pd.DataFrame, where: str, extra: Iterable[str] = ()) -> None:
    if not isinstance(segments, pd.DataFrame):
        raise CorpuslibError(f"{where}: expected the segments DataFrame, got {type(segments)}")
    missing = [c for c in (*_REQUIRED, *extra) if c not in segments.columns]
    if missing:
        raise CorpuslibError(f"{where}: segments table lacks column(s) {missing}")


def add_voice(segments: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of *segments* with a ``voice`` column.

    ``title`` and ``boilerplate`` keep their role; ``comment`` → ``commenter``;
    ``body`` → ``quoted`` when the ``quoted`` flag is true, else ``author``.

    Parameters
    ----------
    segments : pandas.DataFrame
        The segments table (needs ``role``; ``quoted`` defaults to false).

    Returns
    -------
    pandas.DataFrame
        A copy with a categorical ``voice`` column (categories :data:`VOICES`).

    Raises
    ------
    CorpuslibError
        If a role is not one of title, body, comment, boilerplate.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["d"] * 3, "role": ["body", "body", "comment"],
    ...                    "quoted": [False, True, False], "text": ["a", "b", "c"]})
    >>> add_voice(df)["voice"].tolist()
    ['author', 'quoted', 'commenter']
    """
    _check(segments, "add_voice")
    # a shallow copy: under copy-on-write a change to either table never reaches the
    # other, and the columns (the text of every unit) are not copied
    out = segments.copy(deep=False)
    out["voice"] = voice_of(segments)
    return out


def voice_of(segments: pd.DataFrame) -> pd.Categorical:
    """The voice of each row of *segments*, as in :func:`add_voice`, without copying the table.

    Parameters
    ----------
    segments : pandas.DataFrame
        Needs ``role``; ``quoted`` defaults to false.

    Returns
    -------
    pandas.Categorical
        One voice per row, in row order (categories :data:`VOICES`).

    Raises
    ------
    CorpuslibError
        If a role is missing or not one of title, body, comment, boilerplate.
    """
    if "role" not in segments.columns:
        raise CorpuslibError("segments table lacks column(s) ['role']")
    role = segments["role"].astype("string")
    quoted = (
        segments["quoted"].astype("boolean").fillna(False).to_numpy(dtype=bool)
        if "quoted" in segments.columns
        else np.zeros(len(segments), dtype=bool)
    )
    unknown = sorted(set(role.dropna().unique()) - set(ROLES))
    if unknown or role.isna().any():
        raise CorpuslibError(
            f"unknown role value(s) {unknown or ['<NA>']}; a role is one of "
            "title, body, comment, boilerplate"
        )
    body = role.eq("body").to_numpy(dtype=bool)
    comment = role.eq("comment").to_numpy(dtype=bool)
    title = role.eq("title").to_numpy(dtype=bool)
    code = np.select(  # positions in VOICES: a title and boilerplate keep their role's name
        [comment, body & quoted, body, title],
        [VOICES.index(v) for v in ("commenter", "quoted", "author", "title")],
        default=VOICES.index("boilerplate"),
    )
    return pd.Categorical.from_codes(code, categories=list(VOICES))


def select_units(
    segments: pd.DataFrame,
    *,
    voices: Iterable[str] | None = None,
    langs: Iterable[str] | None = ("en",),
    outlets: Iterable[str] | None = None,
    exclude: pd.DataFrame | str | os.PathLike[str] | None = None,
    duplicates: bool = False,
    roles: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Choose the units an analysis counts: the one selection every notebook and command uses.

    Boilerplate and units without text are never selected. A unit that repeats an
    earlier one (``duplicate_of`` set by the build: a live blog repeating its lead, a
    paragraph copied on the same page) is counted once: the repeat is left out unless
    *duplicates* is True.

    Parameters
    ----------
    segments : pandas.DataFrame
        The segments table.
    voices : iterable of str, optional
        Voices to keep, from :data:`ANALYSED_VOICES` (``title``, ``author``, ``quoted``,
        ``commenter``); default all four.
    langs : iterable of str or None
        Language codes to keep; ``None`` or empty keeps every language (default English).
    outlets : iterable of str, optional
        Outlets to keep; ``None`` or empty keeps all. An outlet not in *segments* is an error.
    exclude : DataFrame or path, optional
        Units a researcher excludes: a table from :func:`load_exclusions` or the path of
        such a YAML file (``data/exclude.yml``). ``None`` excludes nothing.
    duplicates : bool
        Keep repeated units (default: count each text once).
    roles : iterable of str, optional
        Deprecated (0.1): roles instead of voices; ``body`` means ``author`` and ``quoted``.

    Returns
    -------
    pandas.DataFrame
        The selected rows with a ``voice`` column, in the original order.

    Raises
    ------
    CorpuslibError
        If a voice or an outlet is unknown, or a needed column is missing.

    Examples
    --------
    >>> seg = pd.DataFrame({"doc_id": ["d"] * 4, "outlet": ["A"] * 4, "lang": ["en"] * 4,
    ...     "role": ["title", "body", "body", "comment"], "quoted": [False, False, True, False],
    ...     "text": ["T", "own words", "a quotation", "a comment"]})
    >>> select_units(seg, voices=["author", "commenter"])["voice"].tolist()
    ['author', 'commenter']
    """
    _check(segments, "select_units")
    df = segments if "voice" in segments.columns else add_voice(segments)
    mask = df["voice"].isin(_as_voices(voices, roles)).to_numpy(dtype=bool, copy=True)
    langs = _as_list(langs)
    if langs:
        if "lang" not in df.columns:
            raise CorpuslibError("langs: segments table has no 'lang' column; pass langs=None")
        mask &= df["lang"].isin(langs).to_numpy(dtype=bool)
    outlets = _as_list(outlets)
    if outlets:
        if "outlet" not in df.columns:
            raise CorpuslibError("outlets: segments table has no 'outlet' column")
        unknown = sorted(set(outlets) - set(df["outlet"].astype(str)))
        if unknown:
            raise CorpuslibError(
                f"outlets: {unknown} not in the corpus; known: {sorted(df['outlet'].astype(str).unique())}"
            )
        mask &= df["outlet"].astype(str).isin(outlets).to_numpy(dtype=bool)
    if exclude is not None:
        table = exclude if isinstance(exclude, pd.DataFrame) else load_exclusions(exclude)
        mask &= ~_excluded_mask(df, table)
    if not duplicates and "duplicate_of" in df.columns:
        mask &= df["duplicate_of"].isna().to_numpy(dtype=bool)
    mask &= df["text"].notna().to_numpy(dtype=bool)
    return df.loc[mask]


def _as_list(values: Iterable[str] | str | None) -> list[str]:
    if values is None:
        return []
    return [values] if isinstance(values, str) else [str(v) for v in values]


def _as_voices(voices: Iterable[str] | None, roles: Iterable[str] | None) -> list[str]:
    if roles is not None:
        warnings.warn(
            "select_units(roles=...) is deprecated; pass voices= (title, author, quoted, commenter)",
            DeprecationWarning,
            stacklevel=3,
        )
        by_role = {"title": ["title"], "body": ["author", "quoted"], "comment": ["commenter"],
                   "boilerplate": ["boilerplate"]}
        unknown = sorted(set(_as_list(roles)) - set(by_role))
        if unknown:
            raise CorpuslibError(f"roles: unknown role(s) {unknown}; known: {list(ROLES)}")
        from_roles = [v for r in _as_list(roles) for v in by_role[r]]
        if voices is None:
            return from_roles
        return [v for v in _as_list(voices) if v in from_roles]
    if voices is None:
        return list(ANALYSED_VOICES)
    voices = _as_list(voices)
    unknown = sorted(set(voices) - set(ANALYSED_VOICES))
    if unknown:
        raise CorpuslibError(
            f"voices: unknown voice(s) {unknown}; known: {list(ANALYSED_VOICES)}"
        )
    return voices


#: Columns of an exclusion table (:func:`load_exclusions`).
EXCLUSION_COLUMNS: tuple[str, ...] = ("doc_id", "seq", "comment_id", "reason")


def load_exclusions(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Read the units a researcher excludes, each with a reason (``data/exclude.yml``).

    The file holds ``exclude:``, a list of entries with ``doc_id`` and ``reason`` and at
    most one of ``seq`` (one unit) or ``comment_id`` (one comment, all its units); an
    entry with neither excludes the whole page. A missing file means "nothing excluded".

    Parameters
    ----------
    path : path-like, optional
        Default (``None`` or empty) ``data/exclude.yml``; a relative path is taken from the
        project root.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`EXCLUSION_COLUMNS` (``seq`` and ``comment_id`` nullable integers).

    Raises
    ------
    LexiconError
        If an entry lacks ``doc_id`` or ``reason``, or has unknown keys.
    """
    p = paths.project_path(path, paths.EXCLUDE)
    rows: list[dict[str, object]] = []
    if p.is_file():
        data = parse_yaml(read_yaml_text(p, what="exclusion"), source=str(p)) or {}
        if not isinstance(data, Mapping) or set(data) - {"exclude"}:
            raise LexiconError(f"{p}: top level must be a mapping with the key 'exclude'")
        entries = data.get("exclude") or []
        if not isinstance(entries, list):
            raise LexiconError(f"{p}: 'exclude' must be a list of entries")
        for i, entry in enumerate(entries, 1):
            where = f"{p}: exclude entry {i}"
            if not isinstance(entry, Mapping):
                raise LexiconError(f"{where}: must be a mapping with doc_id and reason")
            unknown = set(entry) - set(EXCLUSION_COLUMNS)
            if unknown:
                raise LexiconError(f"{where}: unknown key(s) {sorted(unknown)}")
            if not entry.get("doc_id") or not str(entry.get("reason") or "").strip():
                raise LexiconError(f"{where}: needs doc_id and a reason")
            if entry.get("seq") is not None and entry.get("comment_id") is not None:
                raise LexiconError(f"{where}: give seq or comment_id, not both")
            for key in ("seq", "comment_id"):
                if entry.get(key) is not None and not isinstance(entry[key], int):
                    raise LexiconError(f"{where}: {key} must be a whole number")
            rows.append({c: entry.get(c) for c in EXCLUSION_COLUMNS})
    table = pd.DataFrame(rows, columns=list(EXCLUSION_COLUMNS))
    return table.astype({"doc_id": "string", "seq": "Int64", "comment_id": "Int64",
                         "reason": "string"})


def _excluded_mask(segments: pd.DataFrame, exclusions: pd.DataFrame) -> np.ndarray:
    """Which rows of *segments* an exclusion entry covers."""
    hit = np.zeros(len(segments), dtype=bool)
    if exclusions.empty:
        return hit
    doc = segments["doc_id"].astype(str).to_numpy()
    seq = segments["seq"].to_numpy() if "seq" in segments.columns else None
    cid = segments["comment_id"] if "comment_id" in segments.columns else None
    for e in exclusions.itertuples(index=False):
        on_doc = doc == str(e.doc_id)
        if not pd.isna(e.seq) and seq is not None:
            on_doc &= seq == int(e.seq)
        elif not pd.isna(e.comment_id) and cid is not None:
            on_doc &= cid.eq(int(e.comment_id)).fillna(False).to_numpy(dtype=bool)
        hit |= on_doc
    return hit


def excluded_units(segments: pd.DataFrame, exclusions: pd.DataFrame) -> pd.DataFrame:
    """List every unit an exclusion entry removes, with the entry's reason.

    Entries that match no unit are listed too (``n_units`` 0), so a stale entry shows.

    Parameters
    ----------
    segments : pandas.DataFrame
        The segments table.
    exclusions : pandas.DataFrame
        From :func:`load_exclusions`.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, seq, comment_id, role, reason, n_units, text`` (text shortened).
    """
    rows = []
    for e in exclusions.itertuples(index=False):
        one = pd.DataFrame([e._asdict()]).astype(exclusions.dtypes.to_dict())
        hit = segments.loc[_excluded_mask(segments, one)]
        if hit.empty:
            rows.append({"doc_id": e.doc_id, "seq": e.seq, "comment_id": e.comment_id,
                         "role": pd.NA, "reason": e.reason, "n_units": 0, "text": ""})
        for r in hit.itertuples(index=False):
            text = str(r.text)
            rows.append({"doc_id": r.doc_id, "seq": r.seq,
                         "comment_id": getattr(r, "comment_id", pd.NA), "role": r.role,
                         "reason": e.reason, "n_units": len(hit),
                         "text": text if len(text) <= 80 else text[:79] + "…"})
    columns = ["doc_id", "seq", "comment_id", "role", "reason", "n_units", "text"]
    return pd.DataFrame(rows, columns=columns)


def as_columns(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    return list(by)


def require_columns(df: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise CorpuslibError(f"{what}: segments lack column(s) {missing}")


def add_period(
    units: pd.DataFrame, docs: pd.DataFrame, *, bins: Sequence[Sequence[int]] | None = None
) -> pd.DataFrame:
    """Add a ``period`` column from each page's publication date (``docs.published``).

    Parameters
    ----------
    units : pandas.DataFrame
        Units with ``doc_id``.
    docs : pandas.DataFrame
        The documents table (``doc_id``, ``published`` as ``YYYY``, ``YYYY-MM`` or
        ``YYYY-MM-DD``; empty = unknown).
    bins : sequence of [first_year, last_year], optional
        Periods as inclusive year ranges, labelled ``"2007-2011"``; default one period
        per year. A year outside every bin, or an unknown date, gives ``"unknown"``.

    Returns
    -------
    pandas.DataFrame
        A copy of *units* with ``period`` (string).

    Examples
    --------
    >>> u = pd.DataFrame({"doc_id": ["a", "b", "c"]})
    >>> d = pd.DataFrame({"doc_id": ["a", "b", "c"], "published": ["2007-03", "2014", ""]})
    >>> add_period(u, d)["period"].tolist()
    ['2007', '2014', 'unknown']
    >>> add_period(u, d, bins=[[2003, 2011], [2012, 2020]])["period"].tolist()
    ['2003-2011', '2012-2020', 'unknown']
    """
    years = pd.to_numeric(
        docs.set_index("doc_id")["published"].astype("string").str.slice(0, 4), errors="coerce"
    )

    def label(year: float) -> str:
        if pd.isna(year):
            return "unknown"
        if not bins:
            return str(int(year))
        for first, last in bins:
            if int(first) <= year <= int(last):
                return f"{int(first)}-{int(last)}"
        return "unknown"

    out = units.copy()
    out["period"] = out["doc_id"].map(years).map(label).astype("string")
    return out

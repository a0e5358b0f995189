"""Frames: dictionary-based frame detection (``data/lexicons/frames.yml``).

:func:`match_frames` (on a token list), :func:`frame_hits` (every hit in context, to validate
the dictionary by reading), :func:`count_entries` and :func:`frame_scores` (rates per 1,000
tokens with intervals).
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from corpuslib.analysis.tokens import Tokenizer, build_tokenizer, text_or_empty
from corpuslib.corpus.units import as_columns, require_columns, select_units
from corpuslib.errors import CorpuslibError, LexiconError
from corpuslib.lexicons import Frame, load_frames

__all__ = [
    "count_entries",
    "dominant_frames",
    "frame_hits",
    "frame_scores",
    "match_frames",
]

# A compiled pattern: a tuple of elements, each ("=", token) or ("^", prefix).
_Pattern = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class _Compiled:
    frame: str
    entry: str
    pattern: _Pattern


def _compile_frames(frames: Mapping[str, Frame], tokenizer: Tokenizer) -> list[_Compiled]:
    """Turn each entry into a token pattern with the same tokenizer as the text."""
    compiled: list[_Compiled] = []
    for name, frame in frames.items():
        for entry in frame.entries:
            pattern: list[tuple[str, str]] = []
            for word in entry.split(" "):
                if word.endswith("*"):
                    # A stem with inner punctuation ("shi'ite*") may be several tokens
                    # for this tokenizer: all but the last must match exactly.
                    stem = word[:-1]
                    parts = [t.casefold() for t in tokenizer(stem)]
                    if len(parts) > 1:
                        pattern.extend(("=", t) for t in parts[:-1])
                        pattern.append(("^", parts[-1]))
                    else:
                        pattern.append(("^", stem.casefold()))
                else:
                    toks = tokenizer(word)
                    if not toks:
                        raise LexiconError(
                            f"{frame.source}: frame {name!r}: entry {entry!r}: word "
                            f"{word!r} gives no token with this tokenizer (a stopword "
                            "or punctuation?)"
                        )
                    pattern.extend(("=", t.casefold()) for t in toks)
            compiled.append(_Compiled(name, entry, tuple(pattern)))
    return compiled


class _Matcher:
    """Longest-match, non-overlapping (per frame) matching of compiled entries."""

    def __init__(self, compiled: list[_Compiled]) -> None:
        self.exact: dict[str, list[_Compiled]] = {}
        self.prefix: list[_Compiled] = []
        for c in compiled:
            kind, value = c.pattern[0]
            if kind == "=":
                self.exact.setdefault(value, []).append(c)
            else:
                self.prefix.append(c)

    @staticmethod
    def _matches_at(pattern: _Pattern, tokens: Sequence[str], i: int) -> bool:
        if i + len(pattern) > len(tokens):
            return False
        for k, (kind, value) in enumerate(pattern):
            tok = tokens[i + k]
            if kind == "=":
                if tok != value:
                    return False
            elif not tok.startswith(value):
                return False
        return True

    def find(self, tokens: Sequence[str]) -> list[tuple[str, str, int, int]]:
        """Return ``(frame, entry, start, end)`` hits, in token order then frame order."""
        folded = [t.casefold() for t in tokens]
        best: dict[tuple[str, int], tuple[int, str]] = {}  # (frame, start) -> (len, entry)
        for i, tok in enumerate(folded):
            candidates = self.exact.get(tok, [])
            if self.prefix:
                candidates = candidates + [
                    c for c in self.prefix if tok.startswith(c.pattern[0][1])
                ]
            for c in candidates:
                if self._matches_at(c.pattern, folded, i):
                    key = (c.frame, i)
                    length = len(c.pattern)
                    if key not in best or length > best[key][0]:
                        best[key] = (length, c.entry)
        hits: list[tuple[str, str, int, int]] = []
        last_end: dict[str, int] = {}
        for (frame, start), (length, entry) in sorted(best.items(), key=lambda kv: kv[0][1]):
            if start >= last_end.get(frame, 0):
                hits.append((frame, entry, start, start + length))
                last_end[frame] = start + length
        return hits


def _resolve_frames(frames: Mapping[str, Frame] | str | Path | None) -> dict[str, Frame]:
    if frames is None:
        return load_frames()
    if isinstance(frames, str | Path):
        return load_frames(frames)
    if not frames:
        raise CorpuslibError("frames: empty frame dictionary")
    return dict(frames)


def _frame_tokenizer(tokenizer: Tokenizer | None) -> Tokenizer:
    # Keep every token (stopwords, no lemmas, no aliases): phrases such as "boots on
    # the ground" need their function words, and rates are per running token.
    if tokenizer is not None:
        return tokenizer
    return build_tokenizer(lowercase=True, stopwords=False, lemmatize=False, aliases=False)


def match_frames(
    tokens: Sequence[str],
    frames: Mapping[str, Frame],
    *,
    tokenizer: Tokenizer | None = None,
) -> list[tuple[str, str, int, int]]:
    """Find the frame entries in a list of tokens.

    Matching rules: case-insensitive (both sides case-folded); each word of an entry
    is first passed through ``tokenizer`` so that entries and text are split the same
    way (``U.S. troops`` matches whatever tokens the text gives for it); a phrase
    matches consecutive tokens; a word ending in ``*`` matches any token beginning
    with the text before it. Within a frame, hits do not overlap: at each position
    the longest entry wins and scanning resumes after it ("regime change" is one hit,
    not also "regime"). The same tokens may count for several frames.

    Parameters
    ----------
    tokens : Sequence[str]
        Tokens of one text unit.
    frames : Mapping[str, Frame]
        From :func:`load_frames`.
    tokenizer : callable, optional
        Used to split the entries' words; default the corpus tokenizer with all
        tokens kept (no stopword removal, lemmas or aliases).

    Returns
    -------
    list of (frame, entry, start, end)
        Token span ``[start, end)`` of each hit, in text order.

    Examples
    --------
    >>> fr = {"d": Frame("d", "Diplomacy", "", ("negotiat*", "grand bargain", "talks"))}
    >>> match_frames("a Grand Bargain needs negotiators".split(), fr, tokenizer=str.split)
    [('d', 'grand bargain', 1, 3), ('d', 'negotiat*', 4, 5)]
    """
    tok = _frame_tokenizer(tokenizer)
    return _Matcher(_compile_frames(frames, tok)).find(tokens)


def frame_hits(
    segments: pd.DataFrame,
    frames: Mapping[str, Frame] | str | Path | None = None,
    *,
    context: int = 8,
    voices: Sequence[str] | None = None,
    langs: Sequence[str] | None = ("en",),
    tokenizer: Tokenizer | None = None,
) -> pd.DataFrame:
    """List every frame hit with its context, to validate the dictionary by reading.

    Parameters
    ----------
    segments : pandas.DataFrame
        Segments (columns ``doc_id, outlet, role, text`` at least).
    frames : mapping, path or None
        Frames from :func:`load_frames`, a path to a YAML file, or ``None`` for the
        bundled ``data/lexicons/frames.yml``.
    context : int, default 8
        Tokens shown left and right of the match.
    voices, langs
        Row selection, see :func:`select_voices`.
    tokenizer : callable, optional
        ``str -> list[str]``; default the corpus tokenizer keeping every token.

    Returns
    -------
    pandas.DataFrame
        Columns ``doc_id, outlet, role, voice, seq`` (when present), ``frame, entry,
        left, match, right`` (tokens joined by spaces), one row per hit, in
        segment and text order.
    """
    frames = _resolve_frames(frames)
    require_columns(segments, ("doc_id", "outlet", "role", "text"), "frame_hits")
    df = select_units(segments, voices=voices, langs=langs).reset_index(drop=True)
    tok = _frame_tokenizer(tokenizer)
    matcher = _Matcher(_compile_frames(frames, tok))
    meta_cols = [c for c in ("doc_id", "outlet", "role", "voice", "seq") if c in df.columns]
    rows: list[dict[str, Any]] = []
    for rec in df[meta_cols + ["text"]].itertuples(index=False):
        values = dict(zip(meta_cols + ["text"], rec, strict=True))
        tokens = tok(text_or_empty(values.pop("text")))
        for frame, entry, start, end in matcher.find(tokens):
            rows.append(
                {
                    **values,
                    "frame": frame,
                    "entry": entry,
                    "left": " ".join(tokens[max(0, start - context) : start]),
                    "match": " ".join(tokens[start:end]),
                    "right": " ".join(tokens[end : end + context]),
                }
            )
    columns = meta_cols + ["frame", "entry", "left", "match", "right"]
    return pd.DataFrame(rows, columns=columns)


def count_entries(hits: pd.DataFrame) -> pd.DataFrame:
    """Count hits per frame entry, to see which entries drive each frame.

    Parameters
    ----------
    hits : pandas.DataFrame
        Output of :func:`frame_hits`.

    Returns
    -------
    pandas.DataFrame
        ``frame, entry, hits, n_docs, share_of_frame``: ``share_of_frame`` is the
        entry's hits over all hits of its frame (an entry with a large share drives
        the frame: read its hits first). Sorted by hits descending, then frame and
        entry.
    """
    if hits.empty:
        return pd.DataFrame(columns=["frame", "entry", "hits", "n_docs", "share_of_frame"])
    out = (
        hits.groupby(["frame", "entry"], sort=True)
        .agg(hits=("match", "size"), n_docs=("doc_id", "nunique"))
        .reset_index()
    )
    out["share_of_frame"] = out["hits"] / out.groupby("frame")["hits"].transform("sum")
    return out.sort_values(
        ["hits", "frame", "entry"], ascending=[False, True, True], kind="mergesort"
    ).reset_index(drop=True)


def _overlap(top: pd.Series, second: pd.Series | None) -> bool | None:
    """Whether two rows' intervals overlap; None when there is no interval to compare."""
    if second is None:
        return None
    low, high = top.get("ci_low", np.nan), second.get("ci_high", np.nan)
    if not (np.isfinite(low) and np.isfinite(high)):
        return None
    return bool(low <= high)


def dominant_frames(scores: pd.DataFrame, *, by: str | Sequence[str] = "outlet") -> pd.DataFrame:
    """The frame with the highest rate in each group, and how clearly it leads.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`frame_scores`.
    by : str or sequence of str, default "outlet"
        The group columns used in :func:`frame_scores`.

    Returns
    -------
    pandas.DataFrame
        ``*by, frame, label, rate, ci_low, ci_high, hits, runner_up, runner_up_rate,
        overlaps_runner_up, small_sample``. Ties go to the frame listed first in the
        dictionary. ``overlaps_runner_up`` is True when the leader's lower bound is
        below the runner-up's upper bound (the lead is not clear), None without
        intervals.
    """
    by_cols = as_columns(by)
    require_columns(scores, [*by_cols, "frame", "rate"], "dominant_frames")
    rows = []
    order = {f: i for i, f in enumerate(dict.fromkeys(scores["frame"]))}
    grouped = scores.groupby(by_cols, sort=True) if by_cols else [((), scores)]
    for key, part in grouped:
        ranked = part.assign(_o=part["frame"].map(order)).sort_values(
            ["rate", "_o"], ascending=[False, True], kind="mergesort"
        )
        top = ranked.iloc[0]
        second = ranked.iloc[1] if len(ranked) > 1 else None
        key = key if isinstance(key, tuple) else (key,)
        rows.append(
            {
                **dict(zip(by_cols, key, strict=True)),
                "frame": top["frame"],
                "label": top.get("label", top["frame"]),
                "rate": top["rate"],
                "ci_low": top.get("ci_low", np.nan),
                "ci_high": top.get("ci_high", np.nan),
                "hits": top.get("hits", np.nan),
                "runner_up": None if second is None else second["frame"],
                "runner_up_rate": np.nan if second is None else second["rate"],
                "overlaps_runner_up": _overlap(top, second),
                "small_sample": bool(top.get("small_sample", False)),
            }
        )
    return pd.DataFrame(rows)


def _group_seed(seed: int, key: tuple[Any, ...]) -> np.random.Generator:
    """A generator that depends only on ``seed`` and the group key (order-free)."""
    digest = zlib.crc32(repr(tuple(str(k) for k in key)).encode("utf-8"))
    return np.random.default_rng(np.random.SeedSequence([int(seed), digest]))


def _bootstrap_rates(
    hits: np.ndarray,
    tokens: np.ndarray,
    *,
    n_boot: int,
    ci: float,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of 1000·Σhits/Σtokens, resampling rows (units) with replacement."""
    n_units, n_frames = hits.shape
    if n_boot <= 0 or n_units == 0:
        nan = np.full(n_frames, np.nan)
        return nan, nan.copy()
    chunk = max(1, min(n_boot, 4_000_000 // max(n_units, 1)))
    rates = np.empty((n_boot, n_frames))
    probs = np.full(n_units, 1.0 / n_units)
    done = 0
    while done < n_boot:
        size = min(chunk, n_boot - done)
        # Multinomial weights = how often each unit is drawn in a resample of size n.
        weights = rng.multinomial(n_units, probs, size=size).astype(float)
        h = weights @ hits
        t = weights @ tokens
        with np.errstate(divide="ignore", invalid="ignore"):
            rates[done : done + size] = 1000.0 * h / t[:, None]
        done += size
    tail = (1.0 - ci) / 2.0 * 100.0
    with np.errstate(all="ignore"):
        if np.all(np.isnan(rates)):
            nan = np.full(n_frames, np.nan)
            return nan, nan.copy()
        low = np.nanpercentile(rates, tail, axis=0)
        high = np.nanpercentile(rates, 100.0 - tail, axis=0)
    return low, high


def frame_scores(
    segments: pd.DataFrame,
    frames: Mapping[str, Frame] | str | Path | None = None,
    *,
    by: str | Sequence[str] | None = ("outlet", "voice"),
    unit: str | Sequence[str] | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    ci: float = 0.95,
    min_units: int = 10,
    min_tokens: int = 1000,
    voices: Sequence[str] | None = None,
    langs: Sequence[str] | None = ("en",),
    tokenizer: Tokenizer | None = None,
) -> pd.DataFrame:
    r"""Frame rates per group, with bootstrap percentile intervals.

    For each group and frame: ``hits`` (non-overlapping matches, see
    :func:`match_frames`), ``n_tokens`` (all tokens of the group, function words
    included), ``rate`` = 1000 · hits / n_tokens, and a percentile bootstrap
    interval (Efron & Tibshirani 1993, ch. 13) of that ratio, obtained by
    resampling the group's *units* with replacement ``n_boot`` times.

    A unit is one segment (a paragraph, a comment) by default, or, with
    ``unit="doc_id"``, a whole document (cluster bootstrap). Segments of one page are
    not independent, so the segment-level interval is optimistic; the document
    interval is honest but has no width when a group has one document (as each
    outlet of the bundled corpus has). Groups with fewer than ``min_units`` units or
    ``min_tokens`` tokens are flagged ``small_sample``: read their rates as
    descriptions, not estimates.

    A frame with no hit in a group has a degenerate bootstrap interval [0, 0],
    which would claim certainty; its interval is instead [0, u] with
    :math:`u = 1000\cdot(-\ln(1-\text{ci}))/n_{tokens}`, the one-sided upper
    bound for zero events in *n* trials (≈ 3/n for 95 %: the "rule of three",
    Hanley & Lippman-Hand 1983), treating tokens as independent. Column
    ``ci_method`` says which interval a row has.

    Each group's random stream is derived from ``seed`` and the group's key only,
    so results are identical across runs and do not change when other groups are
    added or removed.

    Parameters
    ----------
    segments : pandas.DataFrame
        Segments (``doc_id, outlet, role, text``; ``voice`` is added if needed).
    frames : mapping, path or None
        From :func:`load_frames`, a YAML path, or ``None`` for the bundled file.
    by : str or sequence of str, default ("outlet", "voice")
        Grouping columns (``None`` or ``()``: one group for the whole corpus).
    unit : str or sequence of str, optional
        Column(s) defining a resampling unit; default each row.
    n_boot : int, default 1000
        Bootstrap resamples (0: no bootstrap interval; zero-hit rows still get the
        rule-of-three bound).
    seed : int, default 0
        Random seed.
    ci : float, default 0.95
        Interval coverage.
    min_units, min_tokens : int, default 10 and 1000
        Thresholds of the ``small_sample`` flag.
    voices, langs
        Row selection, see :func:`select_voices`.
    tokenizer : callable, optional
        ``str -> list[str]``; default the corpus tokenizer keeping every token.

    Returns
    -------
    pandas.DataFrame
        One row per group and frame (frames in dictionary order, groups sorted):
        ``*by, frame, label, hits, n_tokens, rate, ci_low, ci_high, ci_method,
        n_units, n_docs, small_sample``; ``ci_method`` is ``"bootstrap"``,
        ``"rule of three"`` (zero hits) or ``"none"``.

    Raises
    ------
    CorpuslibError
        On missing columns or ``ci`` outside (0, 1).

    References
    ----------
    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*.
    Chapman & Hall/CRC.

    Hanley, J. A., & Lippman-Hand, A. (1983). If nothing goes wrong, is everything
    all right? Interpreting zero numerators. *JAMA*, 249(13), 1743–1745.
    """
    if not 0 < ci < 1:
        raise CorpuslibError(f"ci: must be in (0, 1), got {ci!r}")
    frames = _resolve_frames(frames)
    by_cols = as_columns(by)
    unit_cols = as_columns(unit)
    require_columns(segments, ("doc_id", "text"), "frame_scores")
    df = select_units(segments, voices=voices, langs=langs).reset_index(drop=True)
    require_columns(df, by_cols + unit_cols, "frame_scores (by/unit)")
    tok = _frame_tokenizer(tokenizer)
    matcher = _Matcher(_compile_frames(frames, tok))
    names = list(frames)
    index = {n: i for i, n in enumerate(names)}

    hit_rows = np.zeros((len(df), len(names)))
    n_tok = np.zeros(len(df))
    for r, text in enumerate(df["text"].tolist()):
        tokens = tok(text_or_empty(text))
        n_tok[r] = len(tokens)
        for frame, _entry, _s, _e in matcher.find(tokens):
            hit_rows[r, index[frame]] += 1

    out_rows: list[dict[str, Any]] = []
    if by_cols:
        key_list = [tuple(map(str, k)) for k in df[by_cols].itertuples(index=False)]
    else:
        key_list = [()] * len(df)
    members: dict[tuple[str, ...], list[int]] = {}
    for i, key in enumerate(key_list):
        members.setdefault(key, []).append(i)
    if not by_cols:
        members.setdefault((), [])
    for key in sorted(members):
        mask = np.zeros(len(df), bool)
        mask[members[key]] = True
        sub = df[mask]
        h, t = hit_rows[mask], n_tok[mask]
        if unit_cols:
            codes = sub[unit_cols].astype(str).agg("\x1f".join, axis=1)
            uniq, inverse = np.unique(codes.to_numpy(), return_inverse=True)
            h_u = np.zeros((len(uniq), len(names)))
            t_u = np.zeros(len(uniq))
            np.add.at(h_u, inverse, h)
            np.add.at(t_u, inverse, t)
        else:
            h_u, t_u = h, t
        low, high = _bootstrap_rates(h_u, t_u, n_boot=n_boot, ci=ci, rng=_group_seed(seed, key))
        total_tokens = int(t.sum())
        n_units = int(len(t_u))
        n_docs = int(sub["doc_id"].nunique())
        small = n_units < min_units or total_tokens < min_tokens
        for j, name in enumerate(names):
            hits = int(h[:, j].sum())
            ci_low, ci_high = float(low[j]), float(high[j])
            method = "bootstrap" if np.isfinite(ci_low) else "none"
            if hits == 0 and total_tokens > 0:
                ci_low, ci_high = 0.0, 1000.0 * -math.log1p(-ci) / total_tokens
                method = "rule of three"
            out_rows.append(
                {
                    **dict(zip(by_cols, key, strict=True)),
                    "frame": name,
                    "label": frames[name].label,
                    "hits": hits,
                    "n_tokens": total_tokens,
                    "rate": 1000.0 * hits / total_tokens if total_tokens else np.nan,
                    "ci_low": ci_low,
                    "ci_high": ci_high,
                    "ci_method": method,
                    "n_units": n_units,
                    "n_docs": n_docs,
                    "small_sample": bool(small),
                }
            )
    columns = by_cols + [
        "frame", "label", "hits", "n_tokens", "rate", "ci_low", "ci_high", "ci_method",
        "n_units", "n_docs", "small_sample",
    ]  # fmt: skip
    return pd.DataFrame(out_rows, columns=columns)

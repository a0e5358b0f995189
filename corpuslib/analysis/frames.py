"""Frames: dictionary-based frame detection (``data/lexicons/frames.yml``).

:func:`match_frames` (on a token list), :func:`frame_hits` (every hit in context, to validate
the dictionary by reading), :func:`count_entries` and :func:`frame_scores` (rates per 1,000
tokens with intervals).
"""

from __future__ import annotations

import hashlib
import math
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from corpuslib.analysis.stats import poisson_interval, quasi_poisson_interval, wilson_interval
from corpuslib.analysis.tokens import Tokenizer, build_tokenizer, split_sentences, text_or_empty
from corpuslib.corpus.units import as_columns, require_columns, select_units
from corpuslib.errors import CorpuslibError, LexiconError
from corpuslib.escape import escape_markdown
from corpuslib.lexicons import Actor, EntryRule, Frame, load_actors, load_frames

__all__ = [
    "CODING_COLUMNS",
    "KEPT",
    "MIN_BOOTSTRAP_DOCS",
    "corrected_rates",
    "count_entries",
    "describe_dominant",
    "describe_validation",
    "dominant_frames",
    "frame_hits",
    "frame_precision",
    "frame_scores",
    "frame_validation",
    "match_frames",
    "read_coding",
    "sample_hits",
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


#: A hit's ``reason`` when it counts.
KEPT = ""


@dataclass(frozen=True)
class _Context:
    """One unit's tokens with what frame rules look at: sentences and actor mentions."""

    tokens: list[str]
    folded: list[str]
    sentence: list[int]
    mentions: list[tuple[str, int, int]]  # (actor, start, end)


class _RuleChecker:
    """Applies each frame's rules (anchor, require, exclude, one frame per span) to matches."""

    def __init__(self, frames: Mapping[str, Frame], tok: Tokenizer,
                 actors: Mapping[str, Actor] | None) -> None:
        self.frames = frames
        self.tok = tok
        self.active = any(f.anchor.active or any(r.active for r in f.rules.values())
                          for f in frames.values())
        wanted = {a for f in frames.values() for r in [f.anchor, *f.rules.values()]
                  for a in r.actors}
        if wanted:
            actors = dict(actors) if actors is not None else load_actors()
            as_frames = {a: Frame(a, a, "", actors[a].names) for a in sorted(wanted)}
            self.actor_matcher: _Matcher | None = _Matcher(_compile_frames(as_frames, tok))
        else:
            self.actor_matcher = None

    def context(self, text: str) -> _Context:
        """Tokens of *text*, sentence by sentence when a rule needs sentences."""
        if not self.active:
            tokens = self.tok(text)
            sentence = [0] * len(tokens)
        else:
            tokens, sentence = [], []
            for k, part in enumerate(split_sentences(text) if text.strip() else []):
                got = self.tok(part)
                tokens.extend(got)
                sentence.extend([k] * len(got))
        folded = [t.casefold() for t in tokens]
        mentions = [(a, s, e) for a, _, s, e in self.actor_matcher.find(tokens)] if (
            self.actor_matcher is not None) else []
        return _Context(tokens, folded, sentence, mentions)

    def decide(self, hits: list[tuple[str, str, int, int]], ctx: _Context
               ) -> list[tuple[str, str, int, int, str]]:
        """Each match with the reason it does not count (:data:`KEPT` when it counts)."""
        out = []
        for frame, entry, start, end in hits:
            reason = self._shadowed(frame, entry, start, end, hits) or self._rule(
                self.frames[frame].rule_for(entry), start, end, ctx)
            out.append((frame, entry, start, end, reason))
        return out

    def _shadowed(self, frame: str, entry: str, start: int, end: int,
                  hits: list[tuple[str, str, int, int]]) -> str:
        # An entry belongs to one frame: a longer overlapping entry of another frame
        # claims the span ("regime change" is sovereignty, not also "regime" for threat).
        if entry.casefold() in self.frames[frame].shared:
            return KEPT
        for other, other_entry, s, e in hits:
            if other != frame and s < end and start < e and (e - s) > (end - start):
                return f"inside {other_entry!r} ({other})"
        return KEPT

    @staticmethod
    def _rule(rule: EntryRule, start: int, end: int, ctx: _Context) -> str:
        if not rule.active:
            return KEPT
        here = ctx.sentence[start] if ctx.sentence else 0
        if rule.actors and not any(
            actor in rule.actors and (
                ctx.sentence[s] == here if rule.within == "sentence"
                else max(s - end, start - e, 0) <= int(rule.within))
            for actor, s, e in ctx.mentions
        ):
            where = "in its sentence" if rule.within == "sentence" else f"within {rule.within} tokens"
            return f"no {'/'.join(rule.actors)} {where}"
        around = [t for i, t in enumerate(ctx.folded)
                  if ctx.sentence[i] == here and not start <= i < end]
        for word in rule.exclude:
            if any(_word_matches(word, t) for t in around):
                return f"excluded by {word!r}"
        if rule.require and not any(_word_matches(w, t) for w in rule.require for t in around):
            return f"none of {list(rule.require)} in its sentence"
        return KEPT


def _word_matches(word: str, token: str) -> bool:
    return token.startswith(word[:-1]) if word.endswith("*") else token == word


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
    rules: bool = True,
    actors: Mapping[str, Actor] | None = None,
) -> pd.DataFrame:
    """List every frame hit with its context, to validate the dictionary by reading.

    A dictionary match counts as a hit when its entry's rules hold (see
    :func:`~corpuslib.lexicons.load_frames`): its anchor actor is named in the same
    sentence or within k tokens, no excluded word and one required word (if any) stand
    in its sentence, and no longer entry of another frame covers it (an entry belongs
    to one frame unless declared shared).

    Parameters
    ----------
    segments : pandas.DataFrame
        Segments (columns ``doc_id, outlet, role, text`` at least).
    frames : mapping, path or None
        Frames from :func:`~corpuslib.lexicons.load_frames`, a path to a YAML file, or
        ``None`` for the bundled ``data/lexicons/frames.yml``.
    context : int, default 8
        Tokens shown left and right of the match.
    voices, langs
        Row selection, see :func:`~corpuslib.corpus.units.select_units`.
    tokenizer : callable, optional
        ``str -> list[str]``; default the corpus tokenizer keeping every token.
    rules : bool, default True
        ``False`` lists every dictionary match, with ``kept`` and ``reason`` columns
        saying whether the rules keep it and why not (to validate the rules).
    actors : mapping, optional
        Actors lexicon for anchors; default ``data/lexicons/actors.yml``.

    Returns
    -------
    pandas.DataFrame
        Columns ``hit_id, doc_id, outlet, role, voice, seq`` (when present), ``frame,
        entry, start, left, match, right`` (tokens joined by spaces; ``start`` is the
        token position in the unit), plus ``kept, reason`` with ``rules=False``; one row
        per hit in segment and text order. ``hit_id`` is stable across runs.
    """
    frames = _resolve_frames(frames)
    require_columns(segments, ("doc_id", "outlet", "role", "text"), "frame_hits")
    df = select_units(segments, voices=voices, langs=langs).reset_index(drop=True)
    tok = _frame_tokenizer(tokenizer)
    matcher = _Matcher(_compile_frames(frames, tok))
    checker = _RuleChecker(frames, tok, actors)
    meta_cols = [c for c in ("doc_id", "outlet", "role", "voice", "seq") if c in df.columns]
    columns = ["hit_id", *meta_cols, "frame", "entry", "start", "left", "match", "right"]
    columns += [] if rules else ["kept", "reason"]
    data: dict[str, list[Any]] = {c: [] for c in columns}  # column lists: no dict per hit
    seen: Counter[str] = Counter()
    # a text that occurs more than once is matched once (only those are kept in memory)
    repeated = df["text"].duplicated(keep=False).to_numpy()
    memo: dict[str, list[_Hit]] = {}
    for i, rec in enumerate(df[meta_cols + ["text"]].itertuples(index=False)):
        values = dict(zip(meta_cols + ["text"], rec, strict=True))
        text = text_or_empty(values.pop("text"))
        found = memo.get(text) if repeated[i] else None
        if found is None:
            ctx = checker.context(text)
            found = _hits_in(ctx.tokens, checker.decide(matcher.find(ctx.tokens), ctx), context)
            if repeated[i]:
                memo[text] = found
        for hit in found:
            if rules and hit.reason != KEPT:
                continue
            data["hit_id"].append(_hit_id(values.get("doc_id"), hit, seen))
            for c, v in values.items():
                data[c].append(v)
            data["frame"].append(hit.frame)
            data["entry"].append(hit.entry)
            data["start"].append(hit.start)
            data["left"].append(hit.left)
            data["match"].append(hit.match)
            data["right"].append(hit.right)
            if not rules:
                data["kept"].append(hit.reason == KEPT)
                data["reason"].append(hit.reason)
    return pd.DataFrame(data) if data["hit_id"] else pd.DataFrame(columns=columns)


class _Hit(NamedTuple):
    """One decided match of a text, with its context strings (made once per distinct text)."""

    frame: str
    entry: str
    start: int
    reason: str
    left: str
    match: str
    right: str
    around: str  # the case-folded words of the hit id, 8 tokens each side


def _hits_in(
    tokens: Sequence[str], decided: Iterable[tuple[str, str, int, int, str]], context: int
) -> list[_Hit]:
    """The :class:`_Hit` of each ``(frame, entry, start, end, reason)`` match in *tokens*."""
    return [
        _Hit(frame, entry, start, reason,
             " ".join(tokens[max(0, start - context) : start]), " ".join(tokens[start:end]),
             " ".join(tokens[end : end + context]),
             " ".join(tokens[max(0, start - 8) : end + 8]).casefold())
        for frame, entry, start, end, reason in decided
    ]  # fmt: skip


def _hit_id(doc_id: Any, hit: _Hit, seen: Counter[str]) -> str:
    """A stable id of a hit: its page, frame, entry and the words around it (not its unit
    number or position, which a new segmentation may change), with a running count for
    identical passages on one page; hand codes stay attached across rebuilds."""
    key = f"{doc_id}|{hit.frame}|{hit.entry}|{hit.around}"
    seen[key] += 1
    return hashlib.sha1(f"{key}|{seen[key]}".encode()).hexdigest()[:12]


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


#: Rate columns :func:`dominant_frames` can rank by, with their interval bounds.
_RATE_BOUNDS = {"rate": ("ci_low", "ci_high"), "rate_corrected": ("corrected_low", "corrected_high")}


def dominant_frames(scores: pd.DataFrame, *, by: str | Sequence[str] = "outlet",
                    rate: str = "rate") -> pd.DataFrame:
    """The frame with the highest rate in each group, and how clearly it leads.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`frame_scores` (or of :func:`corrected_rates`).
    by : str or sequence of str, default "outlet"
        The group columns used in :func:`frame_scores`.
    rate : {"rate", "rate_corrected"}
        Rank by the raw rate or by the precision-corrected rate of
        :func:`corrected_rates` (frames without a coded sample then take no part:
        a dictionary that counts many hits that are not the frame should not lead
        on them).

    Returns
    -------
    pandas.DataFrame
        ``*by, frame, label, rate, ci_low, ci_high, hits, n_tokens, tied, runner_up,
        runner_up_rate, overlaps_runner_up, small_sample, measure``; ``rate`` and its
        bounds are those of the *rate* ranked by, named in ``measure``. When several frames share
        the highest rate, ``tied`` lists them all ("a / b") and ``frame`` is the first in
        dictionary order: read ``tied``, not ``frame``. ``overlaps_runner_up`` is True
        when the leader's lower bound is below the runner-up's upper bound (the lead is
        not clear), None without intervals.
    """
    by_cols = as_columns(by)
    if rate not in _RATE_BOUNDS:
        raise CorpuslibError(f"dominant_frames: rate must be one of {sorted(_RATE_BOUNDS)}, not {rate!r}")
    require_columns(scores, [*by_cols, "frame", rate], "dominant_frames")
    low, high = _RATE_BOUNDS[rate]
    scores = scores[scores[rate].notna()]
    scores = scores.assign(rate=scores[rate], ci_low=scores.get(low, np.nan), ci_high=scores.get(high, np.nan))
    rows = []
    order = {f: i for i, f in enumerate(dict.fromkeys(scores["frame"]))}
    grouped = scores.groupby(by_cols, sort=True) if by_cols else [((), scores)]
    for key, part in grouped:
        ranked = part.assign(_o=part["frame"].map(order)).sort_values(
            ["rate", "_o"], ascending=[False, True], kind="mergesort"
        )
        top = ranked.iloc[0]
        second = ranked.iloc[1] if len(ranked) > 1 else None
        tied = ranked.loc[np.isclose(ranked["rate"], top["rate"]), "frame"].tolist()
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
                "n_tokens": top.get("n_tokens", np.nan),
                "tied": " / ".join(tied) if len(tied) > 1 else "",
                "runner_up": None if second is None else second["frame"],
                "runner_up_rate": np.nan if second is None else second["rate"],
                "overlaps_runner_up": _overlap(top, second),
                "small_sample": bool(top.get("small_sample", False)),
                "measure": rate,
            }
        )
    return pd.DataFrame(rows)


def _group_seed(seed: int, key: tuple[Any, ...]) -> np.random.Generator:
    """A random stream that depends only on *seed* and the group's key."""
    digest = zlib.crc32("\x1f".join(map(str, key)).encode("utf-8"))
    return np.random.default_rng([seed, digest])


#: Fewest documents for a document-level (cluster) bootstrap interval.
MIN_BOOTSTRAP_DOCS = 5


def _doc_bootstrap(
    hits: np.ndarray, tokens: np.ndarray, *, n_boot: int, ci: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Percentile interval of 1000·Σhits/Σtokens, resampling documents (rows) with replacement."""
    n_docs, n_frames = hits.shape
    weights = rng.multinomial(n_docs, np.full(n_docs, 1.0 / n_docs), size=n_boot).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        rates = 1000.0 * (weights @ hits) / (weights @ tokens)[:, None]
    tail = (1.0 - ci) / 2.0 * 100.0
    return np.nanpercentile(rates, tail, axis=0), np.nanpercentile(rates, 100.0 - tail, axis=0)


def _interval(
    hits: int, doc_hits: np.ndarray, doc_tokens: np.ndarray, boot: tuple[float, float] | None,
    *, ci: float,
) -> dict[str, Any]:
    """The interval of one group's frame rate, by the number of documents behind it.

    Exact Poisson (Garwood) always; a document bootstrap with >= 5 documents, widened
    to contain the exact interval; a quasi-Poisson interval across 2-4 documents.
    """
    total = float(doc_tokens.sum())
    exact = tuple(1000.0 * b / total for b in poisson_interval(hits, ci=ci))
    out: dict[str, Any] = {"ci_low": exact[0], "ci_high": exact[1],
                           "ci_method": "exact Poisson (Garwood)",
                           "qp_low": math.nan, "qp_high": math.nan, "dispersion": math.nan}
    if boot is not None:
        out.update(ci_low=min(boot[0], exact[0]), ci_high=max(boot[1], exact[1]),
                   ci_method="document bootstrap (>= exact Poisson)")
    elif 2 <= len(doc_tokens) < MIN_BOOTSTRAP_DOCS:
        low, high, phi = quasi_poisson_interval(doc_hits, doc_tokens, ci=ci)
        out.update(qp_low=1000.0 * low, qp_high=1000.0 * high, dispersion=phi)
    return out


def frame_scores(
    segments: pd.DataFrame,
    frames: Mapping[str, Frame] | str | Path | None = None,
    *,
    by: str | Sequence[str] | None = ("outlet", "voice"),
    n_boot: int = 1000,
    seed: int = 0,
    ci: float = 0.95,
    min_units: int = 10,
    min_tokens: int = 1000,
    voices: Sequence[str] | None = None,
    langs: Sequence[str] | None = ("en",),
    tokenizer: Tokenizer | None = None,
    actors: Mapping[str, Actor] | None = None,
) -> pd.DataFrame:
    r"""Frame rates per group, with intervals that respect the pages sampled.

    For each group and frame: ``hits`` (matches that pass the frame's rules, see
    :func:`frame_hits`), ``n_tokens`` (all tokens of the group, function words
    included) and ``rate`` = 1000 · hits / n_tokens. Pages, not paragraphs, are the
    sampling unit, so the interval depends on how many documents a group has:

    * always the exact Poisson interval of the count (Garwood 1936), treating tokens
      as independent: the narrowest honest interval, monotone in the count;
    * with >= :data:`MIN_BOOTSTRAP_DOCS` documents, a percentile bootstrap over
      documents (cluster bootstrap, Field & Welsh 2007), widened where needed so that
      it is never narrower than the exact interval;
    * with 2-4 documents, the exact interval plus a quasi-Poisson interval across the
      documents (``qp_low``, ``qp_high``; dispersion ``phi`` >= 1; McCullagh & Nelder
      1989), which puts the between-page variation back in.

    ``ci_method`` names the interval of ``ci_low``/``ci_high``. Groups with fewer than
    ``min_units`` units or ``min_tokens`` tokens are flagged ``small_sample``. Each
    group's random stream depends only on ``seed`` and the group's key.

    Parameters
    ----------
    segments : pandas.DataFrame
        Segments (``doc_id, outlet, role, text``; ``voice`` is added if needed).
    frames : mapping, path or None
        From :func:`~corpuslib.lexicons.load_frames`, a YAML path, or ``None``.
    by : str or sequence of str, default ("outlet", "voice")
        Grouping columns (``None`` or ``()``: one group for the whole corpus).
    n_boot : int, default 1000
        Bootstrap resamples for groups with enough documents (0: none).
    seed : int, default 0
        Random seed.
    ci : float, default 0.95
        Interval coverage.
    min_units, min_tokens : int, default 10 and 1000
        Thresholds of the ``small_sample`` flag.
    voices, langs
        Row selection, see :func:`~corpuslib.corpus.units.select_units`.
    tokenizer : callable, optional
        ``str -> list[str]``; default the corpus tokenizer keeping every token.
    actors : mapping, optional
        Actors lexicon for anchors; default ``data/lexicons/actors.yml``.

    Returns
    -------
    pandas.DataFrame
        One row per group and frame (frames in dictionary order, groups sorted):
        ``*by, frame, label, hits, n_tokens, rate, ci_low, ci_high, ci_method, qp_low,
        qp_high, dispersion, n_units, n_docs, small_sample``.

    Raises
    ------
    CorpuslibError
        On missing columns or ``ci`` outside (0, 1).

    References
    ----------
    Garwood, F. (1936). Fiducial limits for the Poisson distribution. *Biometrika*,
    28(3/4), 437–442.

    Field, C. A., & Welsh, A. H. (2007). Bootstrapping clustered data. *JRSS B*,
    69(3), 369–390.

    McCullagh, P., & Nelder, J. A. (1989). *Generalized Linear Models* (2nd ed.).
    Chapman & Hall.
    """
    if not 0 < ci < 1:
        raise CorpuslibError(f"ci: must be in (0, 1), got {ci!r}")
    frames = _resolve_frames(frames)
    by_cols = as_columns(by)
    require_columns(segments, ("doc_id", "text"), "frame_scores")
    df = select_units(segments, voices=voices, langs=langs).reset_index(drop=True)
    require_columns(df, by_cols, "frame_scores (by)")
    hit_rows, n_tok = _count_hits(df, frames, tokenizer, actors)
    names = list(frames)
    keys = ([tuple(map(str, k)) for k in df[by_cols].itertuples(index=False)]
            if by_cols else [()] * len(df))
    members: dict[tuple[str, ...], list[int]] = {} if by_cols else {(): []}
    for i, key in enumerate(keys):
        members.setdefault(key, []).append(i)
    out_rows: list[dict[str, Any]] = []
    for key in sorted(members):
        sub = df.iloc[members[key]]
        docs, inverse = np.unique(sub["doc_id"].astype(str).to_numpy(), return_inverse=True)
        doc_hits = np.zeros((len(docs), len(names)))
        doc_tokens = np.zeros(len(docs))
        np.add.at(doc_hits, inverse, hit_rows[members[key]])
        np.add.at(doc_tokens, inverse, n_tok[members[key]])
        boot = None
        if len(docs) >= MIN_BOOTSTRAP_DOCS and n_boot > 0 and doc_tokens.sum() > 0:
            boot = _doc_bootstrap(doc_hits, doc_tokens, n_boot=n_boot, ci=ci,
                                  rng=_group_seed(seed, key))
        total = int(doc_tokens.sum())
        small = len(sub) < min_units or total < min_tokens
        for j, name in enumerate(names):
            hits = int(doc_hits[:, j].sum())
            interval = (
                _interval(hits, doc_hits[:, j], doc_tokens,
                          None if boot is None else (float(boot[0][j]), float(boot[1][j])), ci=ci)
                if total else {"ci_low": math.nan, "ci_high": math.nan, "ci_method": "none",
                               "qp_low": math.nan, "qp_high": math.nan, "dispersion": math.nan}
            )
            out_rows.append({
                **dict(zip(by_cols, key, strict=True)),
                "frame": name, "label": frames[name].label, "hits": hits, "n_tokens": total,
                "rate": 1000.0 * hits / total if total else math.nan,
                **interval,
                "n_units": len(sub), "n_docs": len(docs), "small_sample": bool(small),
            })
    columns = by_cols + [
        "frame", "label", "hits", "n_tokens", "rate", "ci_low", "ci_high", "ci_method",
        "qp_low", "qp_high", "dispersion", "n_units", "n_docs", "small_sample",
    ]  # fmt: skip
    return pd.DataFrame(out_rows, columns=columns)


def _count_hits(
    df: pd.DataFrame,
    frames: Mapping[str, Frame],
    tokenizer: Tokenizer | None,
    actors: Mapping[str, Actor] | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Hits per (unit, frame) that pass the rules, and tokens per unit."""
    tok = _frame_tokenizer(tokenizer)
    matcher = _Matcher(_compile_frames(frames, tok))
    checker = _RuleChecker(frames, tok, actors)
    index = {n: i for i, n in enumerate(frames)}
    hit_rows = np.zeros((len(df), len(frames)))
    n_tok = np.zeros(len(df))
    distinct: dict[str, tuple[int, list[int]]] = {}  # a repeated text is matched once
    for r, text in enumerate(df["text"].tolist()):
        text = text_or_empty(text)
        if text not in distinct:
            ctx = checker.context(text)
            distinct[text] = (len(ctx.tokens), [
                index[frame] for frame, _entry, _s, _e, reason
                in checker.decide(matcher.find(ctx.tokens), ctx) if reason == KEPT
            ])
        n_tok[r], kept = distinct[text]
        for k in kept:
            hit_rows[r, k] += 1
    return hit_rows, n_tok


#: Columns of a coding sheet (:func:`sample_hits`) and of a coded file (:func:`read_coding`).
CODING_COLUMNS: tuple[str, ...] = (
    "hit_id", "frame", "entry", "doc_id", "seq", "voice", "left", "match", "right", "code", "note",
)  # fmt: skip


def sample_hits(hits: pd.DataFrame, *, per_entry: int = 5, seed: int = 0) -> pd.DataFrame:
    """A stratified random sample of hits for hand coding: up to *per_entry* per entry.

    Every entry of every frame is a stratum, so rare entries are read too; an entry
    with at most *per_entry* hits is coded in full. Precision is then estimated per
    entry and combined per frame with the entries' hit counts as weights
    (:func:`frame_precision`).

    Parameters
    ----------
    hits : pandas.DataFrame
        From :func:`frame_hits` (``rules=False`` samples every dictionary match, so the
        same coding measures precision with and without the rules).
    per_entry : int
        Hits drawn per frame entry.
    seed : int
        Random seed; the sample depends only on it and the hits.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`CODING_COLUMNS` (``code`` and ``note`` empty, for the coder),
        sorted by frame, entry and hit_id.
    """
    if hits.empty:
        return pd.DataFrame(columns=list(CODING_COLUMNS))
    parts = []
    for (frame, entry), group in hits.groupby(["frame", "entry"], sort=True):
        rng = _group_seed(seed, (frame, entry))
        take = group if len(group) <= per_entry else group.iloc[
            np.sort(rng.choice(len(group), size=per_entry, replace=False))]
        parts.append(take)
    sample = pd.concat(parts).assign(code="", note="")
    present = [c for c in CODING_COLUMNS if c in sample.columns]
    return sample[present].sort_values(["frame", "entry", "hit_id"]).reset_index(drop=True)


def read_coding(path: str | Path, *, missing_ok: bool = False) -> pd.DataFrame:
    """Read a hand-coded sheet: ``code`` 1 = the hit expresses its frame, 0 = it does not.

    Parameters
    ----------
    path : str or Path
        CSV with at least ``hit_id, frame, entry, code`` (a coding sheet of
        :func:`sample_hits`, filled in). Blank codes are hits not coded yet.
    missing_ok : bool
        Return an empty table (every frame "not validated") when the file is missing.

    Returns
    -------
    pandas.DataFrame
        The coded rows, ``code`` as nullable integer.

    Raises
    ------
    CorpuslibError
        If the file is missing, lacks a column, repeats a hit_id or has a code that is
        not 0, 1 or blank (the message names the file and the row).
    """
    path = Path(path)
    try:
        sheet = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        if missing_ok:
            return pd.DataFrame({c: pd.Series(dtype="Int64" if c == "code" else object)
                                 for c in CODING_COLUMNS})
        raise CorpuslibError(f"{path}: coded sample not found") from None
    missing = [c for c in ("hit_id", "frame", "entry", "code") if c not in sheet.columns]
    if missing:
        raise CorpuslibError(f"{path}: coded sample lacks column(s) {missing}")
    bad = sheet.index[~sheet["code"].str.strip().isin(["0", "1", ""])]
    if len(bad):
        row = int(bad[0])
        raise CorpuslibError(
            f"{path}: row {row + 2}: code {sheet.at[row, 'code']!r} is not 0, 1 or blank"
        )
    if sheet["hit_id"].duplicated().any():
        raise CorpuslibError(f"{path}: hit_id {sheet.loc[sheet['hit_id'].duplicated(), 'hit_id'].iloc[0]!r} twice")
    sheet["code"] = pd.to_numeric(sheet["code"].str.strip().replace("", None)).astype("Int64")
    return sheet


def frame_precision(
    coded: pd.DataFrame, hits: pd.DataFrame, *, ci: float = 0.95
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Precision of each entry and each frame, from a hand-coded sample of its hits.

    An entry's precision is the share of its coded hits coded 1, with a Wilson (1927)
    interval. A frame's precision is the stratified estimate over its entries, each
    weighted by its share of the frame's hits in *hits*; its variance sums the entries'
    binomial variances with the finite-population correction (an entry coded in full
    adds none), and its Wilson interval uses the effective sample size of that
    variance (Korn & Graubard 1998). ``coverage`` is the share of the frame's hits
    whose entry has coded hits; precision speaks for that share only.

    Parameters
    ----------
    coded : pandas.DataFrame
        From :func:`read_coding`.
    hits : pandas.DataFrame
        The hits whose precision is wanted (:func:`frame_hits`; with its rules, or
        ``rules=False`` for the dictionary without rules). Coded hits not in *hits*
        (removed by a rule) do not count.
    ci : float
        Coverage of the intervals.

    Returns
    -------
    (entries, frames) : tuple of pandas.DataFrame
        ``frame, entry, hits, coded, relevant, precision, ci_low, ci_high`` and
        ``frame, hits, coded, relevant, coverage, precision, ci_low, ci_high,
        validated``.
    """
    n_hits = hits.groupby(["frame", "entry"]).size().rename("hits")
    ids = hits["hit_id"]
    present = ids[ids.isin(coded["hit_id"])]  # the long column against the few coded ids
    done = coded[coded["code"].notna() & coded["hit_id"].isin(present)]
    tally = done.groupby(["frame", "entry"])["code"].agg(coded="size", relevant="sum")
    entries = n_hits.to_frame().join(tally, how="left").fillna({"coded": 0, "relevant": 0})
    entries = entries.astype({"coded": "int64", "relevant": "int64"}).reset_index()
    with np.errstate(divide="ignore", invalid="ignore"):
        entries["precision"] = entries["relevant"] / entries["coded"].replace(0, np.nan)
    bounds = [wilson_interval(r, n, ci=ci) for r, n in zip(entries["relevant"], entries["coded"], strict=True)]
    entries["ci_low"] = [b[0] for b in bounds]
    entries["ci_high"] = [b[1] for b in bounds]
    rows = [_frame_row(frame, group, ci) for frame, group in entries.groupby("frame", sort=True)]
    return entries, pd.DataFrame(rows, columns=[
        "frame", "hits", "coded", "relevant", "coverage", "precision", "ci_low", "ci_high",
        "validated"])


def _frame_row(frame: str, group: pd.DataFrame, ci: float) -> dict[str, Any]:
    seen = group[group["coded"] > 0]
    total = int(group["hits"].sum())
    row = {"frame": frame, "hits": total, "coded": int(group["coded"].sum()),
           "relevant": int(group["relevant"].sum()),
           "coverage": float(seen["hits"].sum() / total) if total else math.nan,
           "precision": math.nan, "ci_low": math.nan, "ci_high": math.nan,
           "validated": bool(len(seen))}
    if seen.empty:
        return row
    w = seen["hits"].to_numpy(float) / seen["hits"].sum()
    p = seen["precision"].to_numpy(float)
    n = seen["coded"].to_numpy(float)
    fpc = 1.0 - n / seen["hits"].to_numpy(float)
    var = float(np.sum(w * w * p * (1 - p) / n * np.clip(fpc, 0.0, 1.0)))
    est = float(np.sum(w * p))
    n_eff = est * (1 - est) / var if var > 0 else float(n.sum())
    low, high = wilson_interval(est * n_eff, n_eff, ci=ci) if n_eff > 0 else (est, est)
    row.update(precision=est, ci_low=low, ci_high=high)
    return row


def corrected_rates(scores: pd.DataFrame, precision: pd.DataFrame) -> pd.DataFrame:
    """Frame rates corrected for the dictionary's measured precision.

    ``rate_corrected = rate × precision``; its bounds multiply the rate's bounds by the
    precision's bounds (conservative: both uncertainties at their extremes). Frames
    without a coded sample get NaN and ``validated`` False. ``label`` gains the measured
    precision, or "not validated", so every figure drawn from the table says it.

    Parameters
    ----------
    scores : pandas.DataFrame
        From :func:`frame_scores`.
    precision : pandas.DataFrame
        The frames table of :func:`frame_precision`.

    Returns
    -------
    pandas.DataFrame
        *scores* plus ``precision, precision_low, precision_high, rate_corrected,
        corrected_low, corrected_high, validated``.
    """
    p = precision.set_index("frame")
    out = scores.copy()
    out["precision"] = out["frame"].map(p["precision"])
    out["precision_low"] = out["frame"].map(p["ci_low"])
    out["precision_high"] = out["frame"].map(p["ci_high"])
    out["validated"] = out["frame"].map(p["validated"]).fillna(False).astype(bool)
    out["rate_corrected"] = out["rate"] * out["precision"]
    out["corrected_low"] = out["ci_low"] * out["precision_low"]
    out["corrected_high"] = out["ci_high"] * out["precision_high"]
    coded = out["frame"].map(p["coded"]) if "coded" in p.columns else out["precision"] * np.nan
    out["label"] = [
        f"{lab}\n(precision {prec:.2f}, n = {int(n)})" if ok else f"{lab}\n(not validated)"
        for lab, ok, prec, n in zip(out["label"], out["validated"], out["precision"], coded.fillna(0),
                                    strict=True)
    ]
    return out


def frame_validation(coded: pd.DataFrame, matches: pd.DataFrame, *, ci: float = 0.95) -> pd.DataFrame:
    """Each frame's precision on the coded sample, without and with the dictionary's rules.

    Parameters
    ----------
    coded : pandas.DataFrame
        From :func:`read_coding` (may be empty: every frame is then "not validated").
    matches : pandas.DataFrame
        :func:`frame_hits` with ``rules=False`` (every dictionary match, ``kept`` column).
    ci : float
        Coverage of the Wilson intervals.

    Returns
    -------
    pandas.DataFrame
        ``frame, matches, precision_matches, hits, coded, precision, ci_low, ci_high,
        coverage, validated``: ``matches``/``precision_matches`` for the bare dictionary,
        ``hits``/``precision`` (with its interval) for the hits the analyses count.
    """
    _, bare = frame_precision(coded, matches, ci=ci)
    _, ruled = frame_precision(coded, matches[matches["kept"]], ci=ci)
    bare = bare.rename(columns={"hits": "matches", "precision": "precision_matches"})
    table = bare[["frame", "matches", "precision_matches"]].merge(
        ruled[["frame", "hits", "coded", "precision", "ci_low", "ci_high", "coverage",
               "validated"]], on="frame", how="left")
    return table.fillna({"hits": 0, "coded": 0, "validated": False}).astype(
        {"hits": "int64", "coded": "int64", "validated": bool})


def describe_validation(validation: pd.DataFrame) -> str:
    """Sentences on the measured precision of each frame, written from the table.

    Examples
    --------
    >>> t = pd.DataFrame({"frame": ["a", "b"], "matches": [10, 4], "precision_matches": [0.5, None],
    ...     "hits": [8, 4], "coded": [8, 0], "precision": [0.625, None], "ci_low": [0.31, None],
    ...     "ci_high": [0.86, None], "coverage": [1.0, None], "validated": [True, False]})
    >>> describe_validation(t)
    'Precision on the hand-coded sample (hits that express their frame, 95 % Wilson interval): a 0.62 [0.31, 0.86], n = 8 coded of 8 hits (0.50 without the rules). Not validated (no coded hit): b; read their rates as dictionary counts only.'
    """
    ok = validation[validation["validated"]]
    parts = []
    if len(ok):
        cells = [
            f"{escape_markdown(r.frame)} {r.precision:.2f} [{r.ci_low:.2f}, {r.ci_high:.2f}], n = {r.coded} coded of "
            f"{r.hits} hits ({r.precision_matches:.2f} without the rules)"
            for r in ok.itertuples()
        ]
        parts.append("Precision on the hand-coded sample (hits that express their frame, "
                     "95 % Wilson interval): " + "; ".join(cells) + ".")
        weak = ok[ok["ci_high"] < 0.5]
        if len(weak):
            parts.append(f"Below 0.5 even at the upper bound: {', '.join(map(escape_markdown, weak['frame']))}: most "
                         "of their hits are about something else; their rates measure the words, "
                         "not the frame.")
    missing = validation[~validation["validated"]]
    if len(missing):
        parts.append(f"Not validated (no coded hit): {', '.join(map(escape_markdown, missing['frame']))}; read their "
                     "rates as dictionary counts only.")
    return " ".join(parts) or "No frame has hits."


def describe_dominant(dominant: pd.DataFrame, *, by: str) -> str:
    """One sentence per group: its leading frame with rate, interval and n, ties, and
    whether the lead is clear.

    Examples
    --------
    >>> d = pd.DataFrame({"outlet": ["A"], "frame": ["war"], "rate": [12.5], "ci_low": [6.0],
    ...     "ci_high": [23.0], "hits": [10], "n_tokens": [800], "tied": [""],
    ...     "runner_up": ["peace"], "overlaps_runner_up": [True]})
    >>> describe_dominant(d, by="outlet")
    'A: war (12.5 [6.0, 23.0] per 1,000 tokens, 10 hits in 800 tokens) leads peace but their intervals overlap, so no frame clearly dominates.'
    """
    parts = []
    for r in dominant.itertuples():
        group = escape_markdown(getattr(r, by))  # a value from the corpus: never live Markdown/HTML
        n = getattr(r, "n_tokens", math.nan)
        size = f", {int(r.hits)} hits in {int(n):,} tokens" if pd.notna(n) and pd.notna(r.hits) else ""
        corrected = "precision-corrected " if getattr(r, "measure", "rate") == "rate_corrected" else ""
        rate = f"{corrected}{r.rate:.1f} [{r.ci_low:.1f}, {r.ci_high:.1f}] per 1,000 tokens{size}"
        if r.tied:
            parts.append(f"{group}: a tie between {r.tied.replace(' / ', ' and ')} ({rate})")
        elif r.overlaps_runner_up:
            parts.append(f"{group}: {r.frame} ({rate}) leads {r.runner_up} but their intervals "
                         "overlap, so no frame clearly dominates")
        elif r.overlaps_runner_up is None:
            parts.append(f"{group}: {r.frame} ({rate}; no interval to compare)")
        else:
            parts.append(f"{group}: {r.frame} ({rate}), clearly ahead of {r.runner_up}")
    return "; ".join(parts) + "." if parts else "No group."

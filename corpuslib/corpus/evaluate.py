"""Score a build's ``segments.parquet`` against hand-made gold for layout test pages.

The gold file (``tests/data/layouts/<set>/gold.yml``, written by
``tests/data/layouts/make_gold.py``) holds, per page, facts a reader can check by eye
(the title, how many comments, who wrote each, which comment answers which, where the
author's text starts and ends, chrome that must never end up in analysed text) and the
character spans of every block with its role.

Two kinds of score come out:

* **facts** -- one row per checkable fact, ``ok`` True/False; their mean is the
  fact accuracy;
* **roles** -- character-level precision/recall/F1 per role (title, body, comment,
  boilerplate) from the ``[start, end)`` spans. Gold ``quote`` counts as ``body``;
  gold ``header`` characters (a comment's name/date/vote lines) and the whitespace
  between gold blocks are not scored.

Predicted comments are matched one-to-one to gold comments by character overlap
(largest overlap first); commenter and reply facts are read off the match.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from corpuslib.corpus.signals import ANONYMOUS_NAMES
from corpuslib.errors import CorpuslibError, GoldError
from corpuslib.lexicons import parse_yaml, read_yaml_text

__all__ = [
    "SCORED_ROLES",
    "decode_raw",
    "evaluate_segments",
    "format_evaluation",
    "load_gold",
    "load_raw_texts",
    "Evaluation",
]


SCORED_ROLES = ("title", "body", "comment", "boilerplate")
_GOLD_ROLES = {"title", "body", "quote", "header", "comment", "boilerplate"}
_ROLE_CODE = {role: i + 1 for i, role in enumerate(SCORED_ROLES)}
_HEADER = -1  # gold header characters: not scored
_N_WORDS = 5
_PAGE_KEYS = {
    "doc_id": str, "file": str, "n_comments": int, "comments": list,
    "must_not_leak": list, "spans": list,
}
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@dataclass
class Evaluation:
    """The result of :func:`evaluate_segments`.

    Attributes
    ----------
    facts : pandas.DataFrame
        One row per fact: ``doc_id, fact, expected, got, ok``.
    roles : pandas.DataFrame
        One row per role in ``title, body, comment, boilerplate``: ``role, precision,
        recall, f1, gold_chars, predicted_chars, correct_chars`` (micro-averaged over
        pages, scored characters only).
    pages : pandas.DataFrame
        One row per gold page: ``doc_id, layout, facts, ok, accuracy, built``.
    fact_accuracy : float
        Share of all facts that hold.
    """

    facts: pd.DataFrame
    roles: pd.DataFrame
    pages: pd.DataFrame
    fact_accuracy: float


# ---------------------------------------------------------------- gold and raw text

def load_gold(path: str | Path) -> dict:
    """Read and validate a gold file.

    Parameters
    ----------
    path : str or Path
        A ``gold.yml`` written by ``tests/data/layouts/make_gold.py``.

    Returns
    -------
    dict
        ``{"set": ..., "pages": [...]}``; each page as in the file.

    Raises
    ------
    GoldError
        If the file is missing, is not YAML, or a page lacks a key, has a wrong type,
        a comment list that disagrees with ``n_comments``, or bad spans. The message
        names the file and the page.
    """
    path = Path(path)

    doc = parse_yaml(
        read_yaml_text(path, error=GoldError, what="gold"), source=str(path), error=GoldError
    )
    if not isinstance(doc, dict) or not isinstance(doc.get("pages"), list):
        raise GoldError(f"{path}: expected a mapping with a 'pages' list")
    seen: set[str] = set()
    for i, page in enumerate(doc["pages"], 1):
        where = f"{path}: page {i}"
        if not isinstance(page, dict):
            raise GoldError(f"{where}: not a mapping")
        where = f"{path}: page {page.get('doc_id', i)!s}"
        for key, typ in _PAGE_KEYS.items():
            if not isinstance(page.get(key), typ):
                raise GoldError(f"{where}: '{key}' missing or not a {typ.__name__}")
        if page["doc_id"] in seen:
            raise GoldError(f"{where}: duplicate doc_id")
        seen.add(page["doc_id"])
        for key in ("title", "body_first_words", "body_last_words"):
            if page.get(key) is not None and not isinstance(page[key], str):
                raise GoldError(f"{where}: '{key}' must be a string or null")
        if len(page["comments"]) != page["n_comments"]:
            raise GoldError(f"{where}: n_comments {page['n_comments']} but "
                            f"{len(page['comments'])} comments listed")
        ids = set()
        for c in page["comments"]:
            if not isinstance(c, dict) or not isinstance(c.get("id"), int):
                raise GoldError(f"{where}: comment without an integer id: {c!r}")
            if c.get("reply_to") is not None and c["reply_to"] not in ids:
                raise GoldError(f"{where}: comment {c['id']} replies to unknown {c['reply_to']}")
            ids.add(c["id"])
        last_end = 0
        for s in page["spans"]:
            if not isinstance(s, dict) or s.get("role") not in _GOLD_ROLES:
                raise GoldError(f"{where}: bad span {s!r}")
            if not (isinstance(s.get("start"), int) and isinstance(s.get("end"), int)
                    and last_end <= s["start"] < s["end"]):
                raise GoldError(f"{where}: span {s!r} not ordered and disjoint")
            if s["role"] == "comment" and s.get("comment_id") not in ids:
                raise GoldError(f"{where}: comment span names unknown comment {s.get('comment_id')!r}")
            last_end = s["end"]
        if not all(isinstance(x, str) and x.strip() for x in page["must_not_leak"]):
            raise GoldError(f"{where}: must_not_leak must hold non-empty strings")
    return doc


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error("corpuslib-evaluate-cp1252", _cp1252_fallback)


def decode_raw(data: bytes, encoding: str) -> str:
    """Decode a test page the way its gold offsets count characters.

    Parameters
    ----------
    data : bytes
        The raw file.
    encoding : str
        The gold page's ``encoding``; ``utf-8+cp1252`` decodes UTF-8 and falls back to
        cp1252 byte by byte where the bytes are not UTF-8.

    Returns
    -------
    str
        The text with a leading BOM dropped and line endings unchanged.

    Examples
    --------
    >>> decode_raw("caf\u00e9 \u2013 ok".encode("cp1252"), "utf-8+cp1252")
    'café – ok'
    """
    if encoding == "utf-8+cp1252":
        text = data.decode("utf-8", errors="corpuslib-evaluate-cp1252")
    else:
        text = data.decode(encoding)
    return text[1:] if text.startswith("\ufeff") else text


def load_raw_texts(gold: dict, raw_dir: str | Path) -> dict[str, str]:
    """Decode every gold page's raw file from ``raw_dir`` (doc_id -> text)."""
    raw_dir = Path(raw_dir)
    return {
        p["doc_id"]: decode_raw((raw_dir / p["file"]).read_bytes(), p.get("encoding", "utf-8"))
        for p in gold["pages"]
    }


# ---------------------------------------------------------------- helpers

def _ws(text: object) -> str:
    if text is None or (isinstance(text, float) and np.isnan(text)):
        return ""
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


def _words(text: str) -> list[str]:
    """Casefolded words with edge punctuation stripped (robust to cleaning)."""
    out = []
    for w in unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold().split():
        w = w.strip(".,;:!?\"'()[]{}…-–—*•")
        if w:
            out.append(w)
    return out


def _same_name(want: str, got: str) -> bool:
    """Commenter names agree up to spacing and a leading ``@`` (``@ann_b`` and ``ann_b``
    name the same account; the gold sets annotate handles both ways)."""
    return _ws(want).removeprefix("@") == got.removeprefix("@")


def _null(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def _as_int(value: object) -> int | None:
    return None if _null(value) else int(value)


def _unit_texts(doc: pd.DataFrame, raw: str | None) -> list[str]:
    texts = []
    for row in doc.itertuples():
        text = getattr(row, "text", None)
        if _null(text) and raw is not None:
            text = raw[int(row.start):int(row.end)]
        texts.append(_ws(text))
    return texts


# ---------------------------------------------------------------- scoring one page

def _gold_labels(page: dict, n: int) -> tuple[np.ndarray, np.ndarray]:
    roles = np.zeros(n, dtype=np.int8)
    cids = np.zeros(n, dtype=np.int32)
    for s in page["spans"]:
        role = s["role"]
        code = _HEADER if role == "header" else _ROLE_CODE["body" if role == "quote" else role]
        roles[s["start"]:s["end"]] = code
        if role == "comment":
            cids[s["start"]:s["end"]] = s["comment_id"]
    return roles, cids


def _score_page(page: dict, doc: pd.DataFrame, raw: str | None) -> tuple[list[dict], np.ndarray]:
    doc_id = page["doc_id"]
    facts: list[dict] = []

    def fact(name: str, expected: object, got: object, ok: bool) -> None:
        facts.append({"doc_id": doc_id, "fact": name, "expected": expected, "got": got, "ok": bool(ok)})

    n = max([page.get("n_chars", 0)] + [s["end"] for s in page["spans"]]
            + ([int(doc["end"].max())] if len(doc) else []))
    gold_roles, gold_cids = _gold_labels(page, n)
    if raw is not None:
        for s in page["spans"]:
            chunk = raw[s["start"]:s["end"]]
            if not chunk or chunk != chunk.strip():
                raise GoldError(f"page {doc_id}: gold span {s['start']}:{s['end']} does not fit "
                                "the raw text (stale gold or wrong raw folder?)")

    pred_roles = np.zeros(n, dtype=np.int8)
    doc = doc.sort_values("seq") if "seq" in doc else doc
    for row in doc.itertuples():
        code = _ROLE_CODE.get(str(row.role), 0)
        pred_roles[int(row.start):int(row.end)] = code

    built = len(doc) > 0
    texts = _unit_texts(doc, raw) if built else []
    roles = doc["role"].astype(str).tolist() if built else []

    # title
    gold_title = page.get("title")
    got_title = " ".join(t for t, r in zip(texts, roles) if r == "title") or None
    ok = (gold_title is None and got_title is None) or (
        gold_title is not None and got_title is not None and _ws(gold_title) == got_title)
    fact("title", gold_title, got_title, ok)

    # comments: group predicted rows by comment_id (rows without one are separate)
    pred_comments: list[dict] = []
    by_id: dict[int, dict] = {}
    for i, row in enumerate(doc.itertuples()):
        if str(row.role) != "comment":
            continue
        cid = _as_int(getattr(row, "comment_id", None))
        if cid is not None and cid in by_id:
            by_id[cid]["spans"].append((int(row.start), int(row.end)))
            continue
        entry = {
            "comment_id": cid,
            "commenter": _ws(getattr(row, "commenter", None)),
            "reply_to": _as_int(getattr(row, "reply_to", None)),
            "spans": [(int(row.start), int(row.end))],
            "text": texts[i],
        }
        pred_comments.append(entry)
        if cid is not None:
            by_id[cid] = entry
    fact("n_comments", page["n_comments"], len(pred_comments), len(pred_comments) == page["n_comments"])

    # one-to-one matching by character overlap on gold comment characters
    overlaps = []
    for p_idx, pc in enumerate(pred_comments):
        counts: dict[int, int] = {}
        for start, end in pc["spans"]:
            ids, cnt = np.unique(gold_cids[start:end], return_counts=True)
            for gid, c in zip(ids.tolist(), cnt.tolist()):
                if gid:
                    counts[gid] = counts.get(gid, 0) + c
        overlaps += [(c, gid, p_idx) for gid, c in counts.items()]
    match: dict[int, int] = {}  # gold id -> predicted index
    used: set[int] = set()
    for _c, gid, p_idx in sorted(overlaps, key=lambda t: (-t[0], t[1], t[2])):
        if gid not in match and p_idx not in used:
            match[gid] = p_idx
            used.add(p_idx)

    for gc in page["comments"]:
        gid = gc["id"]
        want = gc.get("commenter")
        p_idx = match.get(gid)
        if p_idx is None:
            fact(f"comment {gid} commenter", want, "<no matching comment>", False)
        else:
            got = pred_comments[p_idx]["commenter"]
            if want is not None and want.casefold() in ANONYMOUS_NAMES:
                want = None  # "Anonymous Coward", "Guest": the page gives no name
            fact(f"comment {gid} commenter", want, got or None,
                 (want is None and not got) or (want is not None and _same_name(want, got)))
        if gc.get("reply_to") is not None:
            parent = match.get(gc["reply_to"])
            if p_idx is None:
                fact(f"comment {gid} reply_to", gc["reply_to"], "<no matching comment>", False)
            else:
                got_parent = pred_comments[p_idx]["reply_to"]
                want_parent = pred_comments[parent]["comment_id"] if parent is not None else None
                # report the parent as a gold id where the predicted parent is matched
                inverse = {pred_comments[v]["comment_id"]: k for k, v in match.items()}
                shown = inverse.get(got_parent, got_parent)
                fact(f"comment {gid} reply_to", gc["reply_to"], shown,
                     want_parent is not None and got_parent == want_parent)

    # body first / last words (author's own voice: body units not marked quoted)
    quoted = doc["quoted"].fillna(False).astype(bool).tolist() if built and "quoted" in doc else [False] * len(roles)
    body_words = _words(" ".join(t for t, r, q in zip(texts, roles, quoted) if r == "body" and not q))
    # gold holds 5 whitespace words; compare the same number of normalised words
    # (a dash or bullet standing alone is not a word once punctuation is stripped)
    for key, last in (("body_first_words", False), ("body_last_words", True)):
        want = page.get(key)
        if want is None:
            continue
        want_words = _words(want)
        k = len(want_words)
        got_words = body_words[-k:] if last else body_words[:k]
        fact(key, want, " ".join(got_words) or None, bool(k) and got_words == want_words)

    # chrome that must not leak into analysed units
    analysed = [t.casefold() for t, r in zip(texts, roles) if r in ("title", "body", "comment")]
    for leak in page["must_not_leak"]:
        needle = _ws(leak).casefold()
        hits = [t for t in analysed if needle in t]
        fact(f"no leak: {leak[:40]}", "absent", "leaked" if hits else "absent", not hits)

    # per-role confusion counts on scored characters
    scored = gold_roles > 0
    counts = np.zeros((len(SCORED_ROLES), 3), dtype=np.int64)  # gold, predicted, correct
    for i, role in enumerate(SCORED_ROLES):
        code = _ROLE_CODE[role]
        g = scored & (gold_roles == code)
        p = scored & (pred_roles == code)
        counts[i] = (g.sum(), p.sum(), (g & p).sum())
    return facts, counts


# ---------------------------------------------------------------- public scoring

def evaluate_segments(segments: pd.DataFrame, gold: dict,
                   raw_texts: Mapping[str, str] | None = None) -> Evaluation:
    """Score predicted segments against gold.

    Parameters
    ----------
    segments : pandas.DataFrame
        The build's ``segments.parquet`` (columns ``doc_id, role, seq, start, end`` at
        least; ``text, comment_id, commenter, reply_to, quoted`` are used when present).
        Pages absent from it fail all their facts.
    gold : dict
        From :func:`load_gold`.
    raw_texts : Mapping[str, str], optional
        doc_id -> decoded raw text (see :func:`load_raw_texts`). When given, every gold
        span is checked against the text (a stale gold file is an error) and units with
        no ``text`` are read from ``raw[start:end]``.

    Returns
    -------
    Evaluation

    Raises
    ------
    GoldError
        If ``raw_texts`` is given and a gold span does not fit its text.
    """
    missing = {"doc_id", "role", "start", "end"} - set(segments.columns)
    if missing:
        raise CorpuslibError(f"segments lack columns {sorted(missing)}")
    groups = dict(tuple(segments.groupby("doc_id", sort=False)))
    empty = segments.iloc[0:0]
    all_facts: list[dict] = []
    totals = np.zeros((len(SCORED_ROLES), 3), dtype=np.int64)
    page_rows = []
    for page in gold["pages"]:
        doc = groups.get(page["doc_id"], empty)
        raw = raw_texts.get(page["doc_id"]) if raw_texts is not None else None
        facts, counts = _score_page(page, doc, raw)
        all_facts += facts
        totals += counts
        n_ok = sum(f["ok"] for f in facts)
        page_rows.append({
            "doc_id": page["doc_id"], "layout": page.get("layout", ""),
            "facts": len(facts), "ok": n_ok,
            "accuracy": n_ok / len(facts) if facts else float("nan"), "built": len(doc) > 0,
        })
    facts_df = pd.DataFrame(all_facts, columns=["doc_id", "fact", "expected", "got", "ok"])
    role_rows = []
    for role, (g, p, c) in zip(SCORED_ROLES, totals.tolist()):
        prec = c / p if p else float("nan")
        rec = c / g if g else float("nan")
        f1 = 2 * prec * rec / (prec + rec) if p and g and (prec + rec) else (0.0 if p or g else float("nan"))
        role_rows.append({"role": role, "precision": prec, "recall": rec, "f1": f1,
                          "gold_chars": g, "predicted_chars": p, "correct_chars": c})
    accuracy = float(facts_df["ok"].mean()) if len(facts_df) else float("nan")
    return Evaluation(facts=facts_df, roles=pd.DataFrame(role_rows),
                      pages=pd.DataFrame(page_rows), fact_accuracy=accuracy)


def format_evaluation(evaluation: Evaluation, *, max_failed: int | None = None) -> str:
    """A compact plain-text report of an :class:`Evaluation`.

    Parameters
    ----------
    evaluation : Evaluation
    max_failed : int, optional
        Show at most this many failed facts (all by default).

    Returns
    -------
    str
        Overall fact accuracy, the per-role P/R/F1 table, per-page accuracy and the
        failed facts.
    """
    ev = evaluation
    facts = ev.facts
    lines = [f"fact accuracy: {ev.fact_accuracy:.3f} ({int(facts['ok'].sum())}/{len(facts)} facts, "
             f"{len(ev.pages)} pages)", "", "role          P      R      F1     gold_chars  pred_chars"]
    for r in ev.roles.itertuples():
        lines.append(f"{r.role:<12}{r.precision:7.3f}{r.recall:7.3f}{r.f1:7.3f}"
                     f"{r.gold_chars:13d}{r.predicted_chars:12d}")
    lines += ["", "page                              facts  ok   accuracy"]
    for p in ev.pages.itertuples():
        note = "" if p.built else "  (no units: page missing from the build)"
        lines.append(f"{p.doc_id:<34}{p.facts:5d}{p.ok:5d}{p.accuracy:9.3f}{note}")
    failed = facts[~facts["ok"]]
    lines += ["", f"failed facts ({len(failed)}):"]
    shown = failed if max_failed is None else failed.head(max_failed)
    for f in shown.itertuples():
        lines.append(f"  {f.doc_id}  {f.fact}: expected {_short(f.expected)}, got {_short(f.got)}")
    if len(shown) < len(failed):
        lines.append(f"  ... {len(failed) - len(shown)} more")
    return "\n".join(lines)


def _short(value: object, width: int = 60) -> str:
    text = repr(value) if not isinstance(value, str) else repr(value)
    return text if len(text) <= width else text[: width - 1] + "…'"

"""Build a hand-annotated layout test set from its ``.page`` sources.

Usage::

    python tests/data/layouts/make_gold.py tests/data/layouts/dev

reads ``<set>/src/*.page`` and (re)writes, deterministically:

* ``<set>/raw/<doc_id>.txt`` -- the page as a scraper would have saved it
  (encoded and with the line endings the page asks for);
* ``<set>/manifest.csv`` -- ``doc_id,file,outlet,title,published,url,author,comments_start``;
* ``<set>/gold.yml`` -- the hand-made gold facts and character spans.

Raw files in ``<set>/raw`` that no source page produces are removed.

Source format
-------------
A ``.page`` file is UTF-8 text: a header of ``key: value`` lines, a line ``===``,
then blocks. Header keys: ``doc_id``, ``outlet``, ``title`` (the manifest title;
often empty), ``published``, ``url``, ``author``, ``comments_start``, ``encoding``
(``utf-8`` default, ``utf-8-sig``, ``cp1252``, ``latin-1``, ``utf-16`` (written with
a BOM, little-endian) or ``utf-8+cp1252``: UTF-8 except blocks marked
``enc="cp1252"``), ``newline`` (``lf`` default, ``crlf``, ``cr``), ``layout`` (free
text) and optionally ``must_not_leak`` (strings separated by `` | ``; by default up
to five distinctive boilerplate lines are chosen automatically).

Each block starts with a marker line ``@@ <role> [key="value" ...]``; its text is
every following line up to the next marker, verbatim. Roles: ``boilerplate``,
``title``, ``body``, ``quote``, ``header`` and ``comment`` (attributes ``id``
(required, 1, 2, ... in page order), ``commenter``, ``reply_to``, ``depth``).
The raw page is every block line followed by a newline, markers and header removed.

Gold spans are ``[start, end)`` character offsets into the *decoded* text (the file
decoded with its real encoding, a leading BOM dropped, line endings as in the file)
and cover each block's non-whitespace extent. For ``utf-8+cp1252`` the decoded text
is the page's own text: UTF-8 where the bytes are UTF-8, cp1252 byte by byte where
they are not (the generator checks that this decoding gives the text back).
"""

from __future__ import annotations

import codecs
import csv
import re
import sys
import unicodedata
from pathlib import Path

import yaml

from corpuslib.corpus.evaluate import decode_raw  # the gold-side decoding, shared with the scorer

ROLES = ("boilerplate", "title", "body", "quote", "header", "comment")
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-8+cp1252")
NEWLINES = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}
HEADER_KEYS = (
    "doc_id", "outlet", "title", "published", "url", "author", "comments_start",
    "encoding", "newline", "layout", "must_not_leak",
)
MANIFEST_COLUMNS = (
    "doc_id", "file", "outlet", "title", "published", "url", "author", "comments_start",
)
N_WORDS = 5
MAX_LEAKS = 5
_MARKER = re.compile(r"^@@ (\w+)((?: \w+=\"[^\"]*\")*)\s*$")
_ATTR = re.compile(r"(\w+)=\"([^\"]*)\"")


class PageError(ValueError):
    """Raised when a ``.page`` source is malformed; the message names the file and line."""






def _words(text: str, n: int, *, last: bool = False) -> str:
    words = text.split()
    return " ".join(words[-n:] if last else words[:n])


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def parse_page(path: Path) -> tuple[dict, list[dict]]:
    """Read one ``.page`` file into its header and blocks.

    Returns
    -------
    header : dict
        Header keys to values (missing keys are empty strings).
    blocks : list of dict
        ``{"role", "attrs", "lines", "lineno"}`` in page order.

    Raises
    ------
    PageError
        On a missing ``===``, an unknown key, role or encoding, text before the
        first marker, or bad comment attributes.
    """
    text = path.read_text(encoding="utf-8")
    if "\r" in text:
        raise PageError(f"{path}: source pages must use LF line endings")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    try:
        sep = lines.index("===")
    except ValueError:
        raise PageError(f"{path}: no '===' line after the header") from None
    header = {key: "" for key in HEADER_KEYS}
    for no, line in enumerate(lines[:sep], 1):
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        key = key.strip()
        if not colon or key not in HEADER_KEYS:
            raise PageError(f"{path}:{no}: unknown header line {line!r}")
        header[key] = value.strip()
    header["encoding"] = header["encoding"] or "utf-8"
    header["newline"] = header["newline"] or "lf"
    if header["encoding"] not in ENCODINGS:
        raise PageError(f"{path}: unknown encoding {header['encoding']!r}")
    if header["newline"] not in NEWLINES:
        raise PageError(f"{path}: unknown newline {header['newline']!r}")
    if header["doc_id"] != path.stem:
        raise PageError(f"{path}: doc_id {header['doc_id']!r} differs from the file name")
    blocks: list[dict] = []
    for no, line in enumerate(lines[sep + 1:], sep + 2):
        if line.startswith("@@"):
            match = _MARKER.match(line)
            if not match or match.group(1) not in ROLES:
                raise PageError(f"{path}:{no}: bad block marker {line!r}")
            attrs = dict(_ATTR.findall(match.group(2)))
            blocks.append({"role": match.group(1), "attrs": attrs, "lines": [], "lineno": no})
        elif not blocks:
            if line.strip():
                raise PageError(f"{path}:{no}: text before the first block marker")
        else:
            blocks[-1]["lines"].append(line)
    if not blocks:
        raise PageError(f"{path}: no blocks")
    return header, blocks


def _check_comments(path: Path, blocks: list[dict]) -> list[dict]:
    comments: list[dict] = []
    depth_of: dict[int, int] = {}
    for block in blocks:
        if block["role"] != "comment":
            continue
        attrs = block["attrs"]
        where = f"{path}:{block['lineno']}"
        unknown = set(attrs) - {"id", "commenter", "reply_to", "depth", "enc"}
        if unknown:
            raise PageError(f"{where}: unknown comment attributes {sorted(unknown)}")
        cid = int(attrs.get("id", "0"))
        if cid != len(comments) + 1:
            raise PageError(f"{where}: comment id {cid} out of order (expected {len(comments) + 1})")
        reply_to = int(attrs["reply_to"]) if attrs.get("reply_to") else None
        if reply_to is not None and reply_to not in depth_of:
            raise PageError(f"{where}: reply_to={reply_to} names no earlier comment")
        expected_depth = 0 if reply_to is None else depth_of[reply_to] + 1
        depth = int(attrs.get("depth", expected_depth))
        if depth != expected_depth:
            raise PageError(f"{where}: depth {depth} but parent depth implies {expected_depth}")
        depth_of[cid] = depth
        body = "\n".join(block["lines"])
        if not body.strip():
            raise PageError(f"{where}: empty comment")
        comments.append({
            "id": cid,
            "commenter": attrs.get("commenter") or None,
            "reply_to": reply_to,
            "depth": depth,
            "first_words": _words(body, N_WORDS),
        })
    return comments


def _encode(path: Path, header: dict, blocks: list[dict], newline: str) -> bytes:
    encoding = header["encoding"]
    if encoding == "utf-8+cp1252":
        parts = []
        for block in blocks:
            enc = block["attrs"].get("enc", "utf-8")
            chunk = "".join(line + newline for line in block["lines"])
            parts.append(chunk.encode(enc))
        return b"".join(parts)
    text = "".join(line + newline for block in blocks for line in block["lines"])
    if encoding == "utf-16":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        raise PageError(f"{path}: {text[exc.start:exc.end]!r} cannot be written in {encoding}") from None


def _auto_leaks(blocks: list[dict], other_text: str) -> list[str]:
    seen: list[str] = []
    for block in blocks:
        if block["role"] != "boilerplate":
            continue
        for line in block["lines"]:
            cand = _norm(line)
            if len(cand.split()) < 2 or len(cand) < 10 or cand in seen:
                continue
            if cand.casefold() in other_text:
                continue
            seen.append(cand)
    if len(seen) <= MAX_LEAKS:
        return seen
    picks = [seen[round(i * (len(seen) - 1) / (MAX_LEAKS - 1))] for i in range(MAX_LEAKS)]
    return list(dict.fromkeys(picks))


def build_page(path: Path) -> tuple[dict, dict, bytes]:
    """Turn one ``.page`` file into its manifest row, gold record and raw bytes."""
    header, blocks = parse_page(path)
    newline = NEWLINES[header["newline"]]
    comments = _check_comments(path, blocks)
    raw = _encode(path, header, blocks, newline)
    decoded = decode_raw(raw, header["encoding"])
    expected = "".join(line + newline for block in blocks for line in block["lines"])
    if decoded != expected:
        raise PageError(f"{path}: decoding the raw bytes does not give the page text back")

    spans: list[dict] = []
    offset = 0
    for block in blocks:
        chunk = newline.join(block["lines"])
        stripped = chunk.strip()
        if stripped:
            start = offset + len(chunk) - len(chunk.lstrip())
            end = start + len(stripped)
            assert decoded[start:end] == stripped
            cid = int(block["attrs"]["id"]) if block["role"] == "comment" else None
            spans.append({"start": start, "end": end, "role": block["role"], "comment_id": cid})
        offset += sum(len(line) + len(newline) for line in block["lines"])

    titles = [b for b in blocks if b["role"] == "title"]
    if len(titles) > 1:
        raise PageError(f"{path}: more than one title block")
    bodies = [" ".join(b["lines"]) for b in blocks if b["role"] == "body"]
    body_text = " ".join(bodies)
    other = _norm(" ".join(" ".join(b["lines"]) for b in blocks if b["role"] != "boilerplate")).casefold()
    if header["must_not_leak"]:
        leaks = [s.strip() for s in header["must_not_leak"].split(" | ") if s.strip()]
        boiler = _norm(" ".join(" ".join(b["lines"]) for b in blocks if b["role"] == "boilerplate"))
        for leak in leaks:
            if _norm(leak) not in boiler or _norm(leak).casefold() in other:
                raise PageError(f"{path}: must_not_leak {leak!r} is not boilerplate-only text")
    else:
        leaks = _auto_leaks(blocks, other)

    file = f"{header['doc_id']}.txt"
    row = {col: header.get(col, "") for col in MANIFEST_COLUMNS}
    row["file"] = file
    gold = {
        "doc_id": header["doc_id"],
        "file": file,
        "layout": header["layout"],
        "encoding": header["encoding"],
        "newline": header["newline"],
        "n_chars": len(decoded),
        "title": _norm(" ".join(titles[0]["lines"])) if titles else None,
        "n_comments": len(comments),
        "comments": comments,
        "body_first_words": _words(body_text, N_WORDS) or None,
        "body_last_words": _words(body_text, N_WORDS, last=True) or None,
        "must_not_leak": leaks,
        "spans": spans,
    }
    return row, gold, raw


def build_set(set_dir: Path) -> int:
    """Regenerate ``raw/``, ``manifest.csv`` and ``gold.yml`` of one set; return the page count."""
    sources = sorted((set_dir / "src").glob("*.page"))
    if not sources:
        raise PageError(f"{set_dir}/src: no .page files")
    raw_dir = set_dir / "raw"
    raw_dir.mkdir(exist_ok=True)
    rows, golds, produced = [], [], set()
    for src in sources:
        row, gold, raw = build_page(src)
        (raw_dir / row["file"]).write_bytes(raw)
        produced.add(row["file"])
        rows.append(row)
        golds.append(gold)
    for stale in raw_dir.glob("*.txt"):
        if stale.name not in produced:
            stale.unlink()
    with open(set_dir / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    doc = {
        "set": set_dir.name,
        "generated_by": "tests/data/layouts/make_gold.py (do not edit by hand; edit src/*.page)",
        "pages": golds,
    }
    with open(set_dir / "gold.yml", "w", encoding="utf-8", newline="\n") as fh:
        yaml.safe_dump(doc, fh, sort_keys=False, allow_unicode=True, width=1000,
                       default_flow_style=None)
    return len(golds)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        return 2
    try:
        n = build_set(Path(argv[0]))
    except PageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{argv[0]}: {n} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

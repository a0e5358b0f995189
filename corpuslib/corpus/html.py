"""HTML pages: main text, comments and metadata out of a saved ``.html``/``.htm`` page.

The main text and the page's metadata (title, date, author) come from
`trafilatura <https://trafilatura.readthedocs.io>`_. trafilatura flattens reader
comments into one block without names, so comments are read here from the page's
comment markup instead: a comment *record* is an element with a comment-system
class (WordPress ``comment``/``comment-body``, Disqus ``post``, generic
``comment``/``comment-item``) that holds its own name element (``fn``, ``author``,
``username`` …) or time element (``<time>``, ``time``/``date``/``time-ago`` …)
and a text element (``comment-content``, ``post-message``, ``text`` … or its
paragraphs). Records nested inside records are replies.

The page becomes structured plain text (:func:`render_page`): the title, the
article paragraphs, a ``N Comments`` line and, per comment, a name line
(``Name says:``, indented by its nesting depth), a time line and its
paragraphs. That text is what the build writes to ``text/<doc_id>.txt`` and
segments with the same comment segmentation as text pages, so unit offsets refer
to it. Where the markup shows no comment records but trafilatura found comment
text, that text follows a ``Comments`` line, one paragraph per line (names and
boundaries unknown).

All functions are pure: bytes in, values out; nothing is fetched.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import lxml.etree
import lxml.html

from corpuslib.corpus.clean import clean_text, join_paragraphs
from corpuslib.corpus.decode import decode_bytes
from corpuslib.corpus.segment import Unit, segment_text
from corpuslib.errors import DocumentError
from corpuslib.lexicons import LayoutRules

__all__ = [
    "HTML_SUFFIXES",
    "HtmlComment",
    "HtmlPage",
    "extract_comments",
    "extract_html",
    "fill_metadata",
    "is_html_file",
    "render_page",
    "segment_page",
]


#: File name endings read as HTML pages (case-insensitive).
HTML_SUFFIXES = (".html", ".htm")

# Class tokens of the comment markup of common comment systems, most specific first.
_RECORD = ("comment", "comment-body", "comment-item", "post")
_NAME = ("fn", "author", "username", "user-name", "commenter", "comment-author-name",
         "comment-author", "name", "post-byline")  # fmt: skip
_TIME = ("time-ago", "comment-date", "comment-time", "date", "time", "timestamp",
         "published", "comment-metadata", "commentmetadata", "post-meta")  # fmt: skip
_TEXT = ("comment-content", "comment-text", "post-message", "comment-message",
         "commentbody", "comment-body", "comment-entry", "message", "text", "content",
         "body")  # fmt: skip
# Parts of a record that are neither its name, time nor text (never read as text).
_CHROME = frozenset({"reply", "comment-reply-link", "says", "comment-meta", "comment-metadata",
                     "commentmetadata", "post-meta", "comment-author", "vcard", "comment__header",
                     "comment__footer", "comment-footer", "comment-footer__menu", "voting",
                     "avatar", "parent-link-container", "share", "post-byline"})  # fmt: skip
_DROP_TAGS = ("script", "style", "noscript", "template", "form", "button", "svg", "iframe")
_BLOCKS = ("p", "blockquote", "li", "pre", "h1", "h2", "h3", "h4", "h5", "h6")
_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_SPACE = re.compile(r"\s+")
_SAYS = re.compile(r"\s*says:?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class HtmlComment:
    """One reader comment read from the page's comment markup.

    Attributes
    ----------
    name, time : str or None
        The display name and the time as the page shows them.
    paragraphs : tuple of str
        The comment's text, one item per paragraph.
    depth : int
        Nesting depth, 0 for a top-level comment.
    """

    name: str | None
    time: str | None
    paragraphs: tuple[str, ...]
    depth: int = 0


@dataclass(frozen=True)
class HtmlPage:
    """What was extracted from one HTML page.

    Attributes
    ----------
    title, date, author : str or None
        Metadata (``date`` as ``YYYY-MM-DD``).
    paragraphs : tuple of str
        The main text, one item per paragraph.
    comments : tuple of HtmlComment
        Comments from the comment markup (empty when none was recognised).
    comment_lines : tuple of str
        trafilatura's flattened comment text, used only when ``comments`` is empty.
    encoding : str
        The encoding the page's bytes were decoded with.
    text : str
        :func:`render_page` of the above: the text that is segmented.
    """

    title: str | None
    date: str | None
    author: str | None
    paragraphs: tuple[str, ...]
    comments: tuple[HtmlComment, ...]
    comment_lines: tuple[str, ...]
    encoding: str
    text: str


def is_html_file(name: str) -> bool:
    """True for a file name ending in ``.html`` or ``.htm`` (any case).

    >>> is_html_file("pages/a.HTM"), is_html_file("a.txt")
    (True, False)
    """
    return str(name).lower().endswith(HTML_SUFFIXES)


def _tokens(el: Any) -> set[str]:
    value = el.get("class") if isinstance(el.tag, str) else None
    return set(value.split()) if value else set()


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _parse(markup: str, name: str) -> Any:
    try:
        root = lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise DocumentError(f"{name}: not readable as HTML ({exc})") from None
    for el in list(root.iter(*_DROP_TAGS)):
        el.drop_tree()
    for el in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        el.drop_tree()
    return root


def _own(record: Any, stop: Any) -> list[tuple[Any, set[str]]]:
    """``record``'s elements in document order, with their class tokens, not entering ``stop`` ones."""
    out: list[tuple[Any, set[str]]] = []
    stack = list(reversed(record))
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str) or el in stop:
            continue
        out.append((el, _tokens(el)))
        stack.extend(reversed(el))
    return out


def _find(own: list[tuple[Any, set[str]]], tokens: tuple[str, ...], *, tag: str | None = None) -> Any:
    """The first element of ``own`` that is a ``tag`` element, else that has the earliest token (and text)."""
    if tag is not None:
        for el, _ in own:
            if el.tag == tag:
                return el
    for token in tokens:
        for el, classes in own:
            if token in classes and _clean(el.text_content()):
                return el
    return None


def _time_text(el: Any) -> str:
    title = el.get("title") or ""
    if _YEAR.search(title):
        return _clean(title)  # Disqus: "5 years ago" on screen, the date in the title
    return _clean(el.text_content())


def _name_text(el: Any) -> str:
    for says in el.iterdescendants():
        if "says" in _tokens(says):
            says.drop_tree()
            break
    return _SAYS.sub("", _clean(el.text_content()))


def _paragraphs(el: Any, skip: set[Any]) -> list[str]:
    """Text of ``el`` by paragraph, leaving out ``skip`` elements and comment chrome."""

    def skipped(node: Any) -> bool:
        return node in skip or bool(_tokens(node) & _CHROME)

    def kept(block: Any) -> bool:
        node = block
        while node is not None and node is not el:
            if skipped(node):
                return False
            node = node.getparent()
        return True

    blocks = [b for b in el.iter(*_BLOCKS)
              if kept(b) and not any(c.tag in _BLOCKS for c in b.iterdescendants())]  # fmt: skip
    if blocks:
        return [t for t in (_clean(b.text_content()) for b in blocks) if t]
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and not skipped(child):
                if child.tag == "br":
                    parts.append("\n")
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return [t for t in (_clean(p) for p in "".join(parts).split("\n")) if t]


def extract_comments(root: Any) -> tuple[list[HtmlComment], list[Any]]:
    """Comment records of a parsed page, in document order, and their elements.

    A candidate (an element with a record class) is a record when, outside any
    record nested in it, it has a name or time element and some text. Inner
    candidates are decided first, so a WordPress ``li.comment`` that only wraps an
    ``article.comment-body`` leaves the record to the article, and a reply's record
    is never read into its parent's text.
    """
    candidates = [el for el in root.iter() if isinstance(el.tag, str) and _tokens(el) & set(_RECORD)]
    records: dict[Any, HtmlComment] = {}
    for cand in reversed(candidates):
        own = _own(cand, records)
        name_el = _find(own, _NAME)
        time_el = _find(own, _TIME, tag="time")
        if name_el is None and time_el is None:
            continue
        skip = {*records, *(e for e in (name_el, time_el) if e is not None)}
        text_el = _find(_own(cand, skip), _TEXT)
        if _tokens(cand) & set(_RECORD) == {"post"} and (
            text_el is None or not _tokens(text_el) & {"post-message", "message"}
        ):
            continue  # "post" is also the class of many articles: Disqus records only
        paras = _paragraphs(text_el if text_el is not None else cand, skip)
        if not paras:
            continue
        name = _name_text(name_el) if name_el is not None else None
        records[cand] = HtmlComment(
            name=name or None,
            time=_time_text(time_el) if time_el is not None else None,
            paragraphs=tuple(paras),
        )
    ordered = [el for el in candidates if el in records]
    order = {el: i for i, el in enumerate(root.iter())}
    first_inside: dict[Any, int] = {}  # element -> document position of the first record in it
    for rec in ordered:
        for anc in [rec, *rec.iterancestors()]:
            if first_inside.get(anc, order[rec] + 1) > order[rec]:
                first_inside[anc] = order[rec]
    # A reply sits inside a candidate that holds an earlier comment: Disqus nests it in
    # the parent's record, WordPress in the parent's li.comment beside its article.comment-body.
    cands = set(candidates)
    comments = []
    for el in ordered:
        depth = sum(1 for a in el.iterancestors()
                    if a in cands and (a in records or first_inside.get(a, order[el]) < order[el]))  # fmt: skip
        c = records[el]
        comments.append(HtmlComment(c.name, c.time, c.paragraphs, depth=depth))
    return comments, ordered


def _remove(elements: list[Any]) -> None:
    for el in elements:
        if el.getparent() is not None and not any(a in elements for a in el.iterancestors()):
            el.drop_tree()


def extract_html(data: bytes, *, name: str = "<html>") -> HtmlPage:
    """Extract the main text, comments and metadata of one saved HTML page.

    Parameters
    ----------
    data : bytes
        The file's bytes (any encoding :func:`~corpuslib.corpus.decode.decode_bytes` detects).
    name : str
        File name for messages.

    Returns
    -------
    HtmlPage

    Raises
    ------
    DocumentError
        When the bytes are empty, binary or undecodable, are not HTML, or hold no
        text that trafilatura or the comment markup can extract.
    """
    import trafilatura  # heavy import, only for HTML pages

    decoded = decode_bytes(data, name=name)
    markup = decoded.text
    if "<" not in markup or not re.search(r"<\s*[A-Za-z!]", markup):
        raise DocumentError(f"{name}: not HTML (no markup found)")
    root = _parse(markup, name)
    comments, elements = extract_comments(root)
    _remove(elements)  # so commenters are never taken for the author, nor comments for text
    try:
        doc = trafilatura.bare_extraction(
            root, include_comments=not comments, with_metadata=True, favor_recall=True
        )
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on broken pages
        raise DocumentError(f"{name}: HTML extraction failed ({type(exc).__name__}: {exc})") from None
    info = doc.as_dict() if doc is not None else {}
    paragraphs = tuple(_clean(p) for p in (info.get("text") or "").splitlines() if _clean(p))
    comment_lines = () if comments else tuple(
        _clean(p) for p in (info.get("comments") or "").splitlines() if _clean(p)
    )
    if not paragraphs and not comments and not comment_lines:
        raise DocumentError(f"{name}: no text found in the HTML")
    title = _clean(info.get("title") or "") or None
    page = HtmlPage(
        title=title,
        date=info.get("date") or None,
        # trafilatura joins several authors with "; " and can take in a byline's date
        author="; ".join(a for a in _clean(info.get("author") or "").split("; ")
                         if a and not re.search(r"\d", a)) or None,  # fmt: skip
        paragraphs=paragraphs,
        comments=tuple(comments),
        comment_lines=comment_lines,
        encoding=decoded.encoding,
        text="",
    )
    return HtmlPage(**{**page.__dict__, "text": render_page(page)})


def render_page(page: HtmlPage) -> str:
    """The page as structured plain text, ready for :func:`~corpuslib.corpus.segment.segment_text`.

    Title, article paragraphs separated by blank lines, then ``N Comments`` and per
    comment a name line (``Name says:``), a time line and its paragraphs, indented
    four spaces per reply level. A comment without a name gets no name line.

    Examples
    --------
    >>> page = HtmlPage("A title", None, None, ("One.", "Two."),
    ...                 (HtmlComment("Ann", "May 1", ("Hi.",)),), (), "utf-8", "")
    >>> print(render_page(page))
    A title
    <BLANKLINE>
    One.
    <BLANKLINE>
    Two.
    <BLANKLINE>
    1 Comments
    <BLANKLINE>
    Ann says:
    May 1
    Hi.
    <BLANKLINE>
    """
    return _render(page)[0]


@dataclass(frozen=True)
class _Piece:
    kind: str  # "article" (everything before the comments), "header", "comment"
    start: int
    end: int
    index: int | None = None  # comment index (into page.comments or page.comment_lines)


def _render(page: HtmlPage) -> tuple[str, list[_Piece]]:
    blocks: list[str] = []
    paras = list(page.paragraphs)
    if page.title and not (paras and _key(paras[0]) == _key(page.title)):
        blocks.append(page.title)
    blocks.extend(paras)
    out = "\n\n".join(blocks)
    pieces = [_Piece("article", 0, len(out))]

    def add(block: str, kind: str, index: int | None = None) -> None:
        nonlocal out
        out += "\n\n" if out else ""
        pieces.append(_Piece(kind, len(out), len(out) + len(block), index))
        out += block

    if page.comments:
        add(f"{len(page.comments)} Comments", "header")
        for i, c in enumerate(page.comments):
            indent = "    " * c.depth
            head = [f"{c.name} says:"] if c.name else []
            head += [c.time] if c.time else []
            add("\n".join(indent + line for line in head + list(c.paragraphs[:1])), "comment", i)
            for para in c.paragraphs[1:]:
                add(indent + para, "more", i)
    elif page.comment_lines:
        add("Comments", "header")
        for i, line in enumerate(page.comment_lines):
            add(line, "comment", i)
    return out + "\n", pieces


def segment_page(
    page: HtmlPage,
    *,
    rules: LayoutRules | None = None,
    title: str | None = None,
    comments_start: str | None = None,
    name: str = "<html>",
    url: str | None = None,
    template: Mapping[str, int] | None = None,
) -> list[Unit]:
    """Units of an extracted page; offsets refer to ``page.text``.

    The article part (everything before the comments) goes through
    :func:`~corpuslib.corpus.segment.segment_text`. Comments come from the markup,
    so their boundaries, names, reply links and depths are taken as the page gives
    them (rule ``html_comment_markup``); trafilatura's flattened comment text, used
    when the markup shows no records, becomes one comment per paragraph with no
    name (rule ``html_comment_text``, lower confidence). ``comments_start`` applies
    to the article part of a page without comment markup.
    """
    text, pieces = _render(page)
    article = pieces[0]
    anchor = comments_start if comments_start and comments_start in text[: article.end] else None
    if comments_start and anchor is None and not page.comments and not page.comment_lines:
        anchor = comments_start  # segment_text names the missing anchor
    units = segment_text(
        text[: article.end], rules=rules, title=title, comments_start=anchor,
        name=name, url=url, template=template,
    )  # fmt: skip
    ids: dict[int, int] = {}
    stack: list[int] = []  # comment_id per depth level
    for piece in pieces[1:]:
        block = text[piece.start : piece.end]
        if piece.kind == "header":
            units.append(Unit("boilerplate", piece.start, piece.end, clean_text(block),
                              rule="html_comment_count", confidence=1.0))  # fmt: skip
            continue
        if piece.kind == "more":
            prev = units[-1]
            units[-1] = replace(prev, end=piece.end,
                                text=join_paragraphs([prev.text, clean_text(block)]))  # fmt: skip
            continue
        if page.comments:
            c = page.comments[piece.index]
            n_head = int(c.name is not None) + int(c.time is not None)
            body = block.split("\n", n_head)[-1]
            cid = len(ids) + 1
            depth = min(c.depth, len(stack))
            stack[depth:] = [cid]
            parent = stack[depth - 1] if depth else None
            units.append(Unit("comment", piece.start, piece.end, clean_text(body),
                              commenter=c.name, comment_id=cid, rule="html_comment_markup",
                              reply_to=parent, depth=depth, confidence=0.95))  # fmt: skip
        else:
            cid = len(ids) + 1
            units.append(Unit("comment", piece.start, piece.end, clean_text(block),
                              comment_id=cid, rule="html_comment_text", depth=0,
                              confidence=0.5))  # fmt: skip
        ids[piece.index] = cid
    return units


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def fill_metadata(meta: Mapping[str, Any], page: HtmlPage) -> dict[str, Any]:
    """The manifest row with its empty title, published and author filled from the page.

    The manifest wins where both give a value.

    >>> page = HtmlPage("T", "2019-03-04", "Dan", (), (), (), "utf-8", "")
    >>> fill_metadata({"title": None, "published": "2019", "author": ""}, page)
    {'title': 'T', 'published': '2019', 'author': 'Dan'}
    """
    out = dict(meta)
    for field_, value in (("title", page.title), ("published", page.date), ("author", page.author)):
        if not out.get(field_) and value:
            out[field_] = value
    return out

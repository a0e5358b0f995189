"""The article by content: the main run of prose, and the headline before it.

Paragraphs are classified by what they are (after jusText, Pomikálek 2011): length,
stopword density, sentence punctuation, menu/link shape, chrome vocabulary, time
tokens and site-template membership. The article is the highest-scoring contiguous
run of paragraphs (good prose scores its length, chrome costs); inside it, short
lines are kept when they head a prose paragraph and dropped when they are chrome.
The title is the manifest title when given, else the line best matching the URL
slug, else the nearest headline-like line above the run.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from urllib.parse import urlparse

import regex

from corpuslib.corpus import signals

__all__ = [
    "classify_paragraph",
    "prose_line",
    "find_article",
    "find_title",
    "speaker_turns",
    "closing_line",
    "author_bio",
    "trim_article_end",
    "timed_list_entry",
    "timed_list_end",
    "section_heading",
    "hashtag_row",
    "slug_words",
    "title_continues",
    "sign_off_end",
    "link_list",
    "title_echo",
    "above_quoted_message",
]


GOOD, MEDIUM, SHORT, BAD = "good", "medium", "short", "bad"
# "(c)" is a copyright sign only before a year ("(c) 2021 Harbour Media"); a cable marks its
# paragraphs "(C)" for confidential.
_COPYRIGHT = regex.compile(r"©|\(c\)\s*(?:\p{L}[\p{L} .,&]{0,40})?\b(?:19|20)\d\d\b|\bcopyright\b|all rights reserved", regex.I)
_BYLINE = regex.compile(r"(?:by|posted by|written by)\s+\S", regex.I)
# A photo caption or credit: "Photo: ...", "(AP Photo/...)", "Image: ...", "Illustration for article titled".
_CAPTION = regex.compile(
    r"\b(?:photo(?:graph)?|image|illustration|picture|credit)s?\s*(?:by\b|:)|"
    # "Photo:" in the languages of the stop-word lists and CJK
    r"(?:\b(?:foto|фото|снимок|zdjęcie|fotoğraf|bild|imagen|immagine|ảnh|φωτογραφία)|صورة|عکس|תמונה|צילום|"
    r"फ़ोटो|फोटो|写真|图片|照片|사진)\s*[:：]|\((?:AP|AFP|Reuters|Getty)\b[^)]*\)(?!\s*[-—–])|"
    r"\bgetty\s+images\b|^illustration\s+for\s+article\b|\bfile\s+photo\b|"
    r"^[📷📸🎥]",  # a camera mark
    regex.I,
)
# A source credit closing the line ("(IRIB)", "(ANP/AFP)"): under a picture, or the wire
# credit closing a news paragraph of several sentences.
_SOURCE_CREDIT = regex.compile(r"\((?-i:\p{Lu}[\p{Lu}/ ]{1,15})\)\s*$")
# The publisher speaking about the piece rather than the piece itself: credits,
# disclaimers, standards notes, print and subscription notices (general English
# publishing vocabulary, not one site's).
_COLOPHON = tuple(regex.compile(p, regex.I) for p in (  # one pattern each: an alternation of them all is 3x slower
    r"\b(?:(?:additional\s+)?reporting\s+by|edit(?:ed|ing)\s+by|compiled\s+by|contributed\s+(?:reporting|to\s+this)|"
    r"views\s+expressed\s+(?:here\s+)?(?:are|in)|transcripts?\s+(?:is|are)\s+(?:created|produced|prepared)|"
    r"is\s+committed\s+to\s+publishing|our\s+standards|trust\s+principles|a\s+version\s+of\s+this\s+(?:article|story)\s+appears|"
    r"originally\s+(?:published|appeared|ran)\b|subscribers?\s*:?\s+log\s*in|full\s+text\s+\d+\s+words|"
    r"(?:suspend|disabl|clos)(?:e|ed|ing)\s+(?:article\s+)?comment(?:ing|s)|"
    r"follow\s+(?:us|the\s+.{1,60}?)\s+on\s+(?:facebook|twitter|instagram|x\b))",
    # sponsor reads and membership appeals
    r"\b(?:episode|podcast|show|newsletter|post|video|article|series)\s+is\s+(?:supported|sponsored|brought\s+to\s+you)\s+by\b",
    r"\b(?:listener|reader|viewer)-supported\b",
    r"\bbecome\s+a\s+(?:member|patron|paid\s+subscriber)\b",
    r"\bsubscribe\s+(?:for\s+free\s+)?to\s+(?:receive|get)\s+(?:new\s+posts|updates|(?:the|our)\s+newsletter)\b",
    # paywall notices (in the languages of the stop-word lists)
    r"\b(?:reserved|available)\s+(?:to|for)\s+(?:subscribers|members)\b",
    r"\b(?:subscribers|members)\s+only\b",
    r"\b(?:subscribe|sign\s+in|log\s+in)\s+to\s+(?:continue|keep)\s+reading\b",
    r"\bto\s+continue\s+reading\s*,|\bcontinue\s+reading\s+(?:this\s+(?:article|story)\s+)?for\s+free\b|"
    r"\b(?:access|unlock)\s+the\s+full\s+(?:article|story|text)\b|\bby\s+registering\s+with\s+your\s+e-?mail\b|"
    r"\bpour\s+(?:continuer\s+à\s+lire|lire\s+la\s+suite)\s*,|\bum\s+weiterzulesen\b|\bpara\s+seguir\s+leyendo\s*,",
    r"réservée?s?\s+aux\s+abonnés",
    r"\bil\s+vous\s+reste\s+\d+\s*%",
    r"\bnur\s+für\s+abonnenten\b",
    r"\bexclusivo\s+para\s+(?:suscriptores|assinantes)\b",
    r"\briservat[oa]\s+agli\s+abbonati\b",
    # the status of the text itself: a transcript's or record's disclaimer
    r"\b(?:rush|unofficial|uncorrected|unedited|(?:near-)?verbatim)\s+(?:transcript|summary|record|proof)\b|"
    r"\bmay\s+contain\s+(?:[\w,]+\s+){0,4}?(?:errors|inaccuracies)\b|\bmay\s+not\s+be\s+(?:\d+\s*(?:%|percent)\s+)?accurate\b|\bnot\s+(?:an?\s+|the\s+)?official\s+(?:record|version|transcript)\b|"
    r"\bmay\s+not\s+reflect\s+the\s+official\b|^disclaimer\s*:",
    # a line on the piece's own publication ("Published by the Courier from Jan. 21 to Jan. 24.",
    # "First published on 8 Jan 2020")
    r"^(?:first\s+)?(?:published|printed)\s+(?:by|in|on)\b",
    # a disclaimer of advice
    r"\bfor\s+(?:general\s+)?informational\s+purposes\s+only\b|"
    r"\b(?:does|do|is|are)\s+not\s+(?:constitute|intended\s+as)\s+(?:\w+\s+)?(?:legal|financial|investment|tax|medical)\s+advice\b|"
    r"\bne\s+constitue\s+pas\s+un\s+(?:avis|conseil)\s+juridique\b|\bà\s+titre\s+(?:purement\s+)?informatif\b|"
    r"\bstellt\s+keine\s+(?:Rechts|Anlage|Steuer)beratung\s+dar\b|"
    r"\bno\s+constituye\s+(?:asesoramiento|asesoría)\s+(?:legal|jurídic[oa]|financier[oa])\b",
))
# An author bio: "<Name> is a columnist for ...", "<Name> covers immigration ...".
_BIO = regex.compile(
    r"(?:(?:dr|mr|ms|mrs|prof|rep|sen|congress(?:wo)?man)\.?\s+)?\p{Lu}[\p{L}.'’\-]*(?:\s+\p{Lu}[\p{L}.'’\-]*){0,3}\s+"
    r"(?:is|was|covers|writes|reports|represents|serves|has\s+(?:been|written|covered))\b",
    regex.I,
)
_BIO_ROLE = regex.compile(
    r"\b(?:editor|columnist|correspondent|reporter|writer|fellow|associate|scholar|professor|adviser|advisor|"
    r"analyst|journalist|contributor|director|author|researcher|represents|covers|serves\s+on)\b",
    regex.I,
)


def classify_paragraph(text: str, *, template: bool = False) -> str:
    """Class of one paragraph: ``good`` prose, ``medium``, ``short`` or ``bad`` chrome.

    >>> classify_paragraph("Home | News | Sport | Contact")
    'bad'
    >>> classify_paragraph("The vote asks the government to end the presence of foreign forces, "
    ...                    "but it is non-binding, and the caretaker cabinet cannot sign treaties.")
    'good'
    >>> classify_paragraph("Key Findings")
    'short'
    """
    ws = signals.words(text)
    if template or signals.menu_like(text) or _copyright_line(text) or signals.chrome_words_only(text):
        return BAD
    if signals.navigation_line(text) or len(ws) >= 4 and ("..." in text or "…" in text) and _PLACEHOLDERS.fullmatch(text.strip()):
        return BAD
    if _link_row(text):
        return BAD
    if len(ws) <= 80 and _about_the_piece(text):
        return BAD
    # a short line trailing off in an ellipsis is a prompt or a teaser ("Search in reviews,
    # Q&A..."), not a sentence
    sentence = signals.ends_sentence(text) and not (len(ws) <= 10 and _TRAILING_OFF.search(text))
    if signals.unlisted_script_share(text) >= 0.5:
        return _classify_by_characters(text, sentence)
    share = signals.stop_share(ws)
    if len(ws) >= 12 and share >= 0.2 and (sentence or len(ws) >= 25) or _sparse_stop_prose(text, ws, share):
        return GOOD
    if len(ws) >= 5 and share >= 0.15 and sentence or _lowercase_sentence(text, ws, sentence):
        return MEDIUM
    if len(ws) >= 8 and share < 0.08:
        return BAD
    return SHORT


_TRAILING_OFF = regex.compile(r"(?:\.{3}|…)\s*$")
# A row of form fields' placeholder texts, each a few words trailing off in an ellipsis
# ("Filter by author... Search keywords..."): a search or filter bar, not sentences.
_PLACEHOLDERS = regex.compile(r"(?:[^\s.…](?:[^.…]{0,40}?)(?:\.{3}|…)\s*){2,}")


_MARKDOWN_LINK = regex.compile(r"\[[^\[\]\n]{1,80}\]\([^()\s]{1,300}\)")


def _link_row(text: str) -> bool:
    """A row of two or more Markdown links and at most a three-word label (``Topics: [Iraq](...)
    [Iran](...)``): a menu of tags or sections, however long its addresses.

    >>> _link_row("Topics: [Iraq](https://x.example/iraq) [Oil](https://x.example/oil)")
    True
    >>> _link_row("The [council](https://x.example/c) voted to delay the [tariff](https://x.example/t) by a year.")
    False
    """
    links = _MARKDOWN_LINK.findall(text)
    return len(links) >= 2 and len(signals.words(_MARKDOWN_LINK.sub(" ", text))) <= 3


def _copyright_line(text: str) -> bool:
    """A copyright notice; a paragraph of prose that closes on its material's credit
    (``... no other edits. © the Brennan family, shared for non-commercial use.``) is prose."""
    found = _COPYRIGHT.search(text)
    return found is not None and not prose_line(text[:found.start()])


@lru_cache(maxsize=4096)  # asked of each paragraph and again of each title candidate
def _about_the_piece(text: str) -> bool:
    """A caption, credit or disclaimer: the publisher speaking about the piece, not of it. A
    source credit closing a sentence of prose is the wire credit of the piece itself.

    >>> _about_the_piece("Workers at the dam, in a picture released by the ministry (INA)")
    True
    >>> _about_the_piece("The port stayed open, but the fishermen said that they fear a spill in the bay "
    ...                  "and that nobody has told them what to do. (ANP/AFP)")
    False
    """
    credit = _SOURCE_CREDIT.search(text)
    return (bool(_CAPTION.search(text)) or any(p.search(text) for p in _COLOPHON)
            or credit is not None and not (signals.ends_sentence(text[:credit.start()])
                                           and prose_line(text[:credit.start()])))


def _classify_by_characters(text: str, sentence: bool) -> str:
    """Class of a paragraph in a script without a stop-word list (Chinese, Japanese, Korean,
    Thai, Khmer, Burmese): by length in characters and sentence punctuation alone (a CJK character carries
    about a word; 50 characters is a sentence or two)."""
    n = len(_SPACES.sub("", text))
    if n >= 50 and (sentence or n >= 120):
        return GOOD
    if n >= 20 and sentence:
        return MEDIUM
    return SHORT


_SENTENCE_BREAK = regex.compile(signals.SENTENCE_MARK + r"(?:['\"”’»)\]]*)(?:\s|$)")


def _sparse_stop_prose(text: str, ws: list[str], share: float) -> bool:
    """Prose in a language whose stop-word list is short or whose grammar puts function
    words into suffixes (Turkish, Finnish, Russian): a stopword share too low for the
    general thresholds, but 20+ words in two or more sentences, not mostly capitalised
    (a language that capitalises its nouns, Luxembourgish, comes close to half).
    In a caseless script (Arabic, Hebrew, Devanagari letters) no stopword is needed: a
    language of that script without a list (Urdu, Kurdish, Pashto) shares few words with
    the listed ones, and no capitals mark its menus and names; nor in a script no list is
    written in (Armenian)."""
    return (len(ws) >= 20 and (share >= 0.04 or _caseless(text) or signals.listed_script_share(text) < 0.5)
            and signals.ends_sentence(text)
            and len(_SENTENCE_BREAK.findall(text)) >= 2 and signals.capital_share(text) < 0.5)


def _lowercase_sentence(text: str, ws: list[str], sentence: bool) -> bool:
    """A sentence of eight or more words, most of them lowercase, that no stop-word list
    explains (a one-sentence lead or closing line in Malay, Turkish, Finnish): prose by
    its shape, where a menu or a name row would be capitalised and unpunctuated, and a
    notice (``Sources required. No spoilers.``) is a row of terse sentences."""
    marker = signals.LIST_ITEM.match(text)  # "2. ..." opens an item, no sentence ends there
    sentences = max(1, len(_SENTENCE_BREAK.findall(text[marker.end() - 1 if marker else 0:])))
    if signals.capital_share(text) >= 0.4 or signals.menu_like(text):
        return False
    if len(ws) >= 8 * sentences and sentence:
        return True
    # a longer paragraph in a cased language with long words (Bantu, Finnic, Turkic): fewer
    # words a sentence; it may end introducing a quotation ("... he told us:")
    return (len(ws) >= 12 and len(ws) >= 5 * sentences and (sentence or text.rstrip().endswith((":", "：")))
            and len(_CASED.findall(text)) * 2 >= len(_LETTER.findall(text)))


_CASED = regex.compile(r"[\p{Lu}\p{Ll}\p{Lt}]")
_CASED_LETTER = regex.compile(r"[\p{Lu}\p{Ll}]")
_LETTER = regex.compile(r"\p{L}")
_LETTERS = regex.compile(r"\p{L}+")
_DIGIT = regex.compile(r"\d")
_SPACES = regex.compile(r"\s+")


def _caseless(text: str) -> bool:
    """True when nine in ten letters of ``text`` are of a script without case."""
    letters = len(_LETTER.findall(text))
    return letters > 0 and len(_CASED.findall(text)) <= 0.1 * letters


def prose_line(text: str) -> bool:
    """True for a line of real article prose (15+ words ending as a sentence, or 30+ words,
    a fifth of them stopwords); in a script without a stop-word list, a ``good`` paragraph
    by characters (:func:`_classify_by_characters`)."""
    if signals.menu_like(text):
        return False  # a breadcrumb ending in the page's title
    if signals.unlisted_script_share(text) >= 0.5:
        return _classify_by_characters(text, signals.ends_sentence(text)) == GOOD
    ws = signals.words(text)
    sentence = signals.ends_sentence(text) or len(ws) >= 30
    share = signals.stop_share(ws)
    return len(ws) >= 15 and sentence and share >= 0.2 or _sparse_stop_prose(text, ws, share)


def _score(cls: str, text: str) -> float:
    n = len(text)
    return {GOOD: n, MEDIUM: 0.5 * n, SHORT: -25.0, BAD: -(60.0 + 0.5 * n)}[cls]


def find_article(classes: Sequence[str | None], texts: Sequence[str]) -> tuple[int, int] | None:
    """The main run of prose: ``(first, last)`` indices of the best-scoring run.

    ``classes[k]`` is None for units the segmenter already placed (they score 0).

    >>> find_article(["bad", "good", "short", "good", "bad"], ["x" * 200] * 5)
    (1, 3)
    """
    best, best_span = 0.0, None
    run, start = 0.0, 0
    for k, (cls, text) in enumerate(zip(classes, texts)):
        score = 0.0 if cls is None else _score(cls, text)
        if run <= 0:
            run, start = 0.0, k
        run += score
        if run > best and cls in (GOOD, MEDIUM):
            best, best_span = run, (start, k)
    if best_span is None:
        return None
    first = best_span[0]
    while first < best_span[1] and classes[first] not in (GOOD, MEDIUM, SHORT):
        first += 1
    while first > 0 and classes[first - 1] == SHORT and _introduces(texts[first - 1]):
        first -= 1  # "... said in a statement:", or a greeting ("Colleagues,", "Hi friends,")
    return first, _extend_end(classes, texts, best_span[1])


def _extend_end(classes: Sequence[str | None], texts: Sequence[str], last: int) -> int:
    """Context after the best run (after jusText's context rule): one interstitial line
    before more prose does not end the article: a chrome line of up to three words
    ("Advertisement") or a short line of up to six ("MR X: Thanks, everyone."); nor does
    a timed list (:func:`timed_list_end`) or a bulleted one (:func:`item_list_end`)
    followed by more prose."""
    while True:
        if (last + 2 < len(classes) and classes[last + 1] in (SHORT, BAD) and classes[last + 2] in (GOOD, MEDIUM)
                and len(texts[last + 1].split()) <= (3 if classes[last + 1] == BAD else 6)):
            last += 2
            continue
        after = timed_list_end(texts, last + 1)
        if after is None:
            after = item_list_end(texts, last + 1)
        if after is None or after + 1 >= len(classes) or classes[after + 1] not in (GOOD, MEDIUM):
            break
        last = after + 1
    if last + 1 < len(classes) and classes[last + 1] == SHORT and closing_line(texts[last + 1]):
        last += 1
    return last


# A line opening with a time code ("03:15 What happened", "[1:02:40] Questions"): an entry of
# a chapter list or a timed agenda when a neighbouring line opens the same way.
_TIME_LED = regex.compile(r"\[?(?:\d{1,2}:)?\d{1,2}:\d{2}\]?\s+\S")


def timed_list_entry(texts: Sequence[str], k: int) -> bool:
    """True when ``texts[k]`` and a neighbouring line both open with a time code: one entry
    of a list in time order (an episode's chapter list, a timed agenda), not a post header,
    which is followed by its post rather than by another header.

    >>> timed_list_entry(["00:00 Intro", "03:15 The strike", "Text."], 1)
    True
    >>> timed_list_entry(["Ann 03:15 PM", "03:15 The strike", "Text."], 1)
    False
    """
    if not _TIME_LED.match(texts[k]):
        return False
    return any(0 <= j < len(texts) and bool(_TIME_LED.match(texts[j])) for j in (k - 1, k + 1))


def timed_list_end(texts: Sequence[str], k: int) -> int | None:
    """Index of the last line of a timed list starting at ``texts[k]`` (after an optional
    heading ending in a colon, ``Timestamps:``), or None when none starts there."""
    if k < len(texts) and texts[k].rstrip().endswith(":") and len(texts[k].split()) <= 4:
        k += 1
    if k >= len(texts) or not timed_list_entry(texts, k):
        return None
    while k + 1 < len(texts) and _TIME_LED.match(texts[k + 1]):
        k += 1
    return k


def _list_marker(text: str) -> str | None:
    """The marker of a list item (``•``, ``-``, ``1.`` as ``#.``), or None."""
    found = signals.LIST_ITEM.match(text)
    return regex.sub(r"\d+", "#", found.group()[:-1].strip()) if found else None


def item_list_end(texts: Sequence[str], k: int) -> int | None:
    """Index of the last item of a bulleted or numbered list of two or more items starting
    at ``texts[k]`` (after an optional heading of up to four words, ``In numbers``), or None.

    >>> item_list_end(["In numbers", "· 1.2 million barrels", "· 73 seats", "Prose."], 0)
    2
    """
    if k + 1 < len(texts) and _list_marker(texts[k]) is None and len(texts[k].split()) <= 4:
        k += 1
    marker = _list_marker(texts[k]) if k < len(texts) else None
    if marker is None:
        return None
    end = k
    while end + 1 < len(texts) and _list_marker(texts[end + 1]) == marker:
        end += 1
    return end if end > k else None


# The marker of a list of links ("- ", "› ", "» ", "• "): a related-stories box.
_LINK_MARKER = regex.compile(r"[-–•·›»▸]\s+(?=\S)")


def link_list(classes: Sequence[str | None], texts: Sequence[str], k: int) -> bool:
    """True when ``texts[k]`` is part of a box of links set into the article: the items of a
    list (``- Will fuel prices rise?`` / ``- Timeline of the crisis``), or a short heading
    ending in a colon (``Read more:``) and the short lines under it up to the next good
    prose. Two or more items, none good prose, at least one of them a headline that ends
    no sentence. A list of the author's own short points is kept or dropped as one block,
    not item by item.

    >>> link_list(["good", "short", "short", "short", "good"],
    ...           ["x" * 200, "Related:", "- Will prices rise?", "- Timeline of the talks", "y" * 200], 1)
    True
    >>> link_list(["good", "short", "medium", "short", "good"],
    ...           ["x" * 200, "Read more:", "Will prices rise?", "Timeline of the talks", "y" * 200], 2)
    True
    >>> link_list(["good", "short", "short", "good"], ["x" * 200, "- Bring water.", "- Leave early.", "y" * 200], 1)
    False
    """
    j = k + 1 if _box_heading(texts[k]) and k + 1 < len(texts) else k  # the heading goes with its box
    return any(j in box for box in (_marked_box(texts, j), _headed_box(classes, texts, j))
               if len(box) >= 2 and all(classes[j] in (SHORT, MEDIUM) for j in box)
               and any(not signals.ends_sentence(texts[j]) for j in box))


def _box_heading(text: str) -> bool:
    text = text.rstrip()
    return text.endswith((":", "：")) and 1 <= len(text.split()) <= 5


def _marked_box(texts: Sequence[str], k: int) -> range:
    """The items of the marked list holding ``texts[k]``."""
    found = _LINK_MARKER.match(texts[k])
    if found is None:
        return range(0)
    marker = found.group().strip()

    def item(j: int) -> bool:
        m = _LINK_MARKER.match(texts[j]) if 0 <= j < len(texts) else None
        return m is not None and m.group().strip() == marker

    first, last = k, k
    while item(first - 1):
        first -= 1
    while item(last + 1):
        last += 1
    return range(first, last + 1)


def _headed_box(classes: Sequence[str | None], texts: Sequence[str], k: int) -> range:
    """The lines of up to fifteen words under a short heading ending in a colon up to the next
    good prose (at most five), when ``texts[k]`` is one of them."""
    def line(j: int) -> bool:
        return 0 <= j < len(texts) and classes[j] in (SHORT, MEDIUM) and len(texts[j].split()) <= 15

    head = k
    while head >= max(0, k - 5) and not _box_heading(texts[head]):
        if head < k and not line(head):
            return range(0)
        head -= 1
    if head < max(0, k - 5) or head < 0:
        return range(0)
    end = head
    while end - head < 5 and line(end + 1) and not _box_heading(texts[end + 1]):
        end += 1
    if end + 1 < len(texts) and classes[end + 1] != GOOD:
        return range(0)  # the box ends where prose goes on
    return range(head + 1, end + 1) if head < k <= end else range(0)


# A fence of a Markdown code block, and an item of a Markdown task list ("- [ ] backfill May").
_FENCE = regex.compile(r"\s*(?:```|~~~)[\w+-]*\s*")
_TASK_ITEM = regex.compile(r"\s*[-*+]\s+\[[ xX]\]\s+\S")


def markdown_block_end(texts: Sequence[str], k: int) -> int | None:
    """Index of the last line of the fenced code blocks and task lists (two or more items)
    starting at ``texts[k]``, or None: the author's own material in an issue or a Markdown
    post, which ends no article however short its lines.

    >>> markdown_block_end(["```", "GET /api -> 200", "```", "- [x] confirmed", "- [ ] backfill", "Activity"], 0)
    4
    >>> markdown_block_end(["- [ ] one item", "Activity"], 0) is None
    True
    """
    end = None
    while k < len(texts):
        if _FENCE.fullmatch(texts[k]):
            close = next((j for j in range(k + 1, len(texts)) if _FENCE.fullmatch(texts[j])), None)
            if close is None:
                break
            end = k = close
        elif k + 1 < len(texts) and _TASK_ITEM.match(texts[k]) and _TASK_ITEM.match(texts[k + 1]):
            while k + 1 < len(texts) and _TASK_ITEM.match(texts[k + 1]):
                k += 1
            end = k
        else:
            break
        k += 1
    return end


# A note's number opening it ("[2] Central bank, report ...") and a note mark closing a word or
# sentence of the text ("... in 2019.[2]"): where the text cites the notes, they are its notes.
_NOTE_NUMBER = regex.compile(r"\s*\[(\d{1,3})\]\s+(?=\S)")
_NOTE_MARK = regex.compile(r"(?<=[\p{L}\p{N}.,;:)\"”’])\[(\d{1,3})\]")


def notes_end(texts: Sequence[str], k: int) -> int | None:
    """Index of the last unit of the notes starting at ``texts[k]``, or None: units numbered
    ``[1]``, ``[2]`` ... in order, one note a unit, maybe under a heading of at most
    three words (``Notes``, ``Nota``) and after the last items of a list the text above ends on,
    where the text above cites at least one of them (``... in 2019.[2]``). A policy brief's or an
    essay's sources are the author's, however short their lines.

    >>> notes_end(["The fund lost value.[2]", "Notes", "[1] Ministry, 2020.", "[2] Bank, 2019.", "About us"], 1)
    3
    >>> notes_end(["The fund lost value.", "Notes", "[1] Ministry, 2020.", "[2] Bank, 2019.", "About us"], 1) is None
    True
    """
    cited = {int(n) for t in texts[:k] for n in _NOTE_MARK.findall(t)}
    if not cited:
        return None
    marker = _list_marker(texts[k - 1]) if k > 0 else None
    while marker is not None and k < len(texts) and _list_marker(texts[k]) == marker:
        k += 1  # the rest of the list the text ends on
    numbers: list[int] = []
    end = None
    for j in range(k, len(texts)):
        found = _NOTE_NUMBER.match(texts[j])
        if found is None and j == k and 1 <= len(texts[j].split()) <= 3 and not _DIGIT.search(texts[j]):
            continue  # the notes' heading
        if found is None:
            break
        numbers.append(int(found.group(1)))
        end = j
    if end is None or numbers != list(range(1, len(numbers) + 1)) or not cited & set(numbers):
        return None
    return end


# A marked or numbered section heading: "1. Call to order", "## Summary", "IV. Findings".
_ENUMERATED = regex.compile(r"(?:#{1,4}|\d{1,2}[.)]|[IVX]{1,4}\.)\s+\p{L}")


def section_heading(text: str) -> bool:
    """True for a section heading set off by its form: numbered or marked (``1. A year of
    losses``, ``## Summary``) or two or more words in capitals (``CALL TO ORDER``); at most
    eight words, not a sentence, date, count, menu or chrome. Directly before the first prose
    paragraph it heads the article's first section (a plain ``Summary`` or ``Description``
    is as often a page label, and stays out).

    >>> section_heading("2. The Budget Question"), section_heading("CALL TO ORDER"), section_heading("ABSTRACT")
    (True, True, False)
    >>> section_heading("Share this article"), section_heading("#iraq #oil")
    (False, False)
    """
    ws = signals.words(text)
    marked = _ENUMERATED.match(text)
    if (not 1 <= len(ws) <= 8 or signals.ends_sentence(text) or _DIGIT.search(text[marked.end() if marked else 0:])
            or signals.menu_like(text) or signals.chrome_words_only(text) or _word_row(text)):
        return False  # a digit past the number: a date, count or time, not a heading
    if marked:
        return True
    cased = _CASED_LETTER.findall(text)
    return len(ws) >= 2 and len(cased) * 2 > len(_LETTER.findall(text)) and all(c.isupper() for c in cased)


def salutation(text: str) -> bool:
    """True for a greeting that opens a letter, post or newsletter: one to six words ending in
    a comma, starting with a capital letter, with no digit (``Hi all,``, ``Dear colleagues,``,
    ``Selamat pagi agan sista semua,``), or a greeting and its addressees parted by a comma
    and closed by an exclamation mark (``Hello, friends!``, ``Привет, друзья!``). Directly
    before the first prose paragraph it is the author's first line, not page chrome.

    >>> salutation("Dear all,"), salutation("Hi everyone,"), salutation("Posted 3 May,"), salutation("Home, News,")
    (True, True, False, False)
    >>> salutation("Good morning, friends!"), salutation("Hola, amigos!"), salutation("Subscribe now!")
    (True, True, False)
    """
    text = text.strip()
    ws = text.split()
    head, _comma, addressee = text.partition(",")
    called = text.endswith(",") and not addressee or text.endswith("!") and bool(head.split() and addressee[:-1].split())
    return (1 <= len(ws) <= 6 and called and text.count(",") == 1 and text[:1].isupper()
            and not _DIGIT.search(text) and not signals.menu_like(text))


def closing_line(text: str) -> bool:
    """A short closing paragraph that still reads as prose (jusText's near-good: 8+ words,
    stopword share 0.3+), not a shouted promo or a ``Label: ...`` link.

    >>> closing_line("11/11 Thanks for reading. I will update as the government responds. /end")
    True
    >>> closing_line("CLICK HERE TO GET THE TIGRIS WEEKLY APP FOR YOUR PHONE")
    False
    """
    text = _TAIL_MARKS.sub("", text) or text  # "... 没解决。#伊朗# #美国#", "Thanks all. 🙏": the sentence before
    ws = signals.words(text)
    upper = sum(1 for w in _LETTERS.findall(text) if w.isupper() and len(w) > 1)
    if signals.menu_like(text) or upper * 2 >= max(len(ws), 1) or _SHORT_LABEL.match(text):
        return False
    return len(ws) >= 8 and signals.stop_share(ws) >= 0.3 or _last_word(text)


# Hashtags and emoji closing a line: "#Iran #Iraq", "#伊朗# #美国#", "🙏".
_TAIL_MARKS = regex.compile(r"(?:\s*(?:#[\p{L}\p{M}\p{N}_]+#?|[\p{So}\p{Sk}\u200d\ufe0f]))+\s*$")
_SHORT_LABEL = regex.compile(r"[\p{L} ]{1,20}:")  # "Read more:"
_DIGIT_QUESTION_OR_LINK = regex.compile(r"\d|[?？]|://")


def _last_word(text: str) -> bool:
    """A short closing sentence of the author's (``So ordered.``, ``Safe seas, everyone.``):
    a sentence of one to twelve words with no digit, link, question or site vocabulary."""
    return (1 <= _word_count(text) <= 12 and signals.ends_sentence(text) and not _DIGIT_QUESTION_OR_LINK.search(text)
            and not signals.chrome_words_only(text) and not _about_the_piece(text))


# A signature separator ("-- ", "—", "__"): the lines under it are the sender's signature.
# "--=20" is the standard "-- " in a quoted-printable mail body.
_SIG_SEPARATOR = regex.compile(r"\s*(?:--(?:=20)?|—|–|_{2,})\s*")
# A web or mail address in a signature line ("PolicyLab (example.org)").
_ADDRESS = regex.compile(r"\w@\w|\w\.\p{Ll}{2,}\b")


def sign_off_end(classes: Sequence[str | None], texts: Sequence[str], start: int, last: int,
                 *, header: str | None = None, closed: bool = False) -> int:
    """Index of the last line of the author's sign-off after the article's last line, or
    ``last`` when there is none: a valediction ending in a comma (``Regards,``) and the name
    under it, or a lone name the post's header above the article already gave (``Faris``
    under ``Faris Jabouri, Jun 29``) that the page's structure closes (the end of the
    page, a unit the comment reader placed, or a signature separator; ``closed`` when the
    caller ended the article's run right after it); then, after a ``--``
    separator, up to three signature lines (``Thomas Brandt`` / ``Senior analyst, Northgate`` /
    ``northgate.example`` / a motto in quotation marks).
    ``header`` is the page text just above the article's first paragraph when the caller
    has it (a post header the comment reader placed is not among ``texts``).

    >>> sign_off_end(["good", "short", "short", "short", "short", "short"],
    ...              ["x" * 200, "Regards,", "Thomas", "--", "Thomas Brandt", "Reply"], 0, 0)
    4
    >>> sign_off_end(["good", "short", "short", "short", "short", "short", "short"],
    ...              ["x" * 200, "Regards,", "Thomas", "--", "Thomas Brandt", '"Energy is politics by other means, always and everywhere"', "Reply"], 0, 0)
    5
    >>> sign_off_end(["short", "good", "short", None], ["Ann Lee, 2 May", "x" * 200, "Ann", "Bo Li 3h"], 1, 1)
    2
    >>> sign_off_end(["good", "short", None], ["x" * 200, "Sources", "Bo Li 3h"], 0, 0)
    0
    """
    first = next((j for j in range(start, last + 1) if classes[j] in (GOOD, MEDIUM)), start)
    if header is None:
        header = " ".join(texts[max(0, first - 3):first])
    above = _cased_words(" ".join([header, *texts[:first + 1]]))  # the page's header, a byline on the lead
    end = _sign_off_at(classes, texts, last + 1, above, closed=closed)
    return last if end is None else end


def _cased_words(text: str) -> set[str]:
    """Words of ``text`` as written: a name in the header is capitalised where a common noun
    of the lead paragraph is not (``Entities`` under "... and entities").

    >>> sorted(_cased_words("Por Inês Brandão, on entities"))
    ['Brandão', 'Inês', 'Por', 'entities', 'on']
    """
    return set(signals._WORD.findall(text))


def _sign_off_at(classes: Sequence[str | None], texts: Sequence[str], k: int, above: set[str],
                 *, closed: bool = False) -> int | None:
    """Last index of a sign-off starting at ``k`` (see :func:`sign_off_end`), or None."""
    def free_short(j: int) -> bool:
        return j < len(texts) and classes[j] == SHORT

    # a valediction by its form, even one the chrome vocabulary holds ("Best,")
    valediction = k < len(texts) and classes[k] in (SHORT, BAD) and valediction_line(texts[k])
    if valediction:
        k += 1
    if not (free_short(k) and signals.name_like(texts[k]) and len(texts[k].split()) <= 3 and texts[k][:1].isupper()
            and not _DIGIT.search(texts[k])):
        return None
    closed = closed or k + 1 >= len(texts) or classes[k + 1] is None or bool(_SIG_SEPARATOR.fullmatch(texts[k + 1]))
    # a first name alone signs a letter (a full name alone may head an author box), unless
    # more one-word lines follow it: a list of tags (Iraq / Iran / Sanctions)
    first_name = len(texts[k].split()) == 1 and not (free_short(k + 1) and len(texts[k + 1].split()) == 1)
    if not (valediction or (closed or first_name) and all(w in above or w.upper() in above
                                                          for w in _cased_words(texts[k]))):
        return None
    end = k
    if free_short(k + 1) and _SIG_SEPARATOR.fullmatch(texts[k + 1]):
        end = k + 1
        for j in (k + 2, k + 3, k + 4):
            if not (free_short(j) and (len(texts[j].split()) <= 8 or _motto(texts[j])) and not signals.find_times(texts[j])
                    and not signals.action_line(texts[j]) and not signals.menu_like(texts[j])
                    and (signals.name_like(texts[j]) or "," in texts[j] or _motto(texts[j])
                         or _ADDRESS.search(texts[j]))):
                break
            end = j
    return end


def valediction_line(text: str) -> bool:
    """True for a valediction by its form: one to three words closed by the line's only comma
    (``Best,``, ``Faafetai,``, ``Mit freundlichen Grüßen,``).

    >>> valediction_line("Best,"), valediction_line("Kind regards,"), valediction_line("Home, News,")
    (True, True, False)
    """
    text = text.rstrip()
    return text.endswith(",") and text.count(",") == 1 and 1 <= len(text.split()) <= 3


def leading_sign_off(texts: Sequence[str]) -> int:
    """Number of lines at the start of ``texts`` that are a sign-off: a valediction
    (:func:`valediction_line`) and the signer's name under it, one to three capitalised words with no
    digit, maybe a one-word line more (a first name and a town: ``Faafetai,`` / ``Tavita`` /
    ``Apia``); 0 when ``texts`` opens otherwise. A comment reader that takes the lines between
    a post's prose and the next record's header for that header takes a sign-off with them.

    >>> leading_sign_off(["Best,", "Jess", "--", "Jessica Mercer"]), leading_sign_off(["Cheers,", "Ann", "Oslo", "Like"])
    (2, 3)
    >>> leading_sign_off(["Best,", "Reply"]), leading_sign_off(["Ann Lee", "2 May"])
    (0, 0)
    """
    def signer(text: str, most: int) -> bool:
        return (signals.name_like(text) and 1 <= len(text.split()) <= most and text[:1].isupper()
                and not _DIGIT.search(text))

    if len(texts) < 2 or not valediction_line(texts[0]) or not signer(texts[1], 3):
        return 0
    return 3 if len(texts) > 2 and signer(texts[2], 1) else 2


# A line wholly in quotation marks: a signature's motto ("« Energy is politics by other means »").
_MOTTO = regex.compile(r"""\s*["“„«‹]\P{Cc}{1,80}["”»›]\s*""")


def _motto(text: str) -> bool:
    """True for a short line wholly in quotation marks of at most twelve words (a motto under a
    signature).

    >>> _motto("« Energy is politics by other means »"), _motto('"Man kan ikke både blæse."'), _motto("Thanks")
    (True, True, False)
    """
    return len(text.split()) <= 12 and _MOTTO.fullmatch(text) is not None


def above_quoted_message(texts: Sequence[str], k: int) -> int:
    """Index of the line above ``texts[k]``; when a quoted message (``> ...`` lines, maybe
    ``texts[k]`` itself) ends right above the reply's first paragraph, the line above that
    message and the attribution line introducing it (``On 9 May, Ann wrote:``): a mail
    reply opens with its greeting, then quotes what it answers.

    >>> above_quoted_message(["Hi Ann,", "On 9 May, Ann wrote:", "> Are you safe?", "x" * 200], 3)
    0
    >>> above_quoted_message(["Hi Ann,", "> Are you safe?", "> Write back.", "x" * 200], 2)
    0
    >>> above_quoted_message(["Hi Ann,", "Menu", "x" * 200], 2)
    1
    """
    j = k if texts[k].lstrip().startswith(">") else k - 1
    if j < 0 or not texts[j].lstrip().startswith(">"):
        return k - 1
    while j >= 0 and texts[j].lstrip().startswith(">"):
        j -= 1
    if j >= 0 and texts[j].rstrip().endswith(":"):
        j -= 1
    return j


def _introduces(text: str) -> bool:
    text = text.rstrip()
    return text.endswith(":") or (text.endswith(",") and 1 <= len(text.split()) <= 4)


def author_bio(text: str) -> bool:
    """True for a short paragraph introducing the author (``X is a columnist for Y.``).

    >>> author_bio("Karim Nassar is a columnist for Monitor Weekly. The views are his own.")
    True
    >>> author_bio("Iraq is a country where the militias are paid by the state.")
    False
    >>> author_bio("The meeting was attended by the Director of the Americas Department.")
    False
    """
    first = signals.words(text[:40])[:1]
    return (len(text.split()) <= 80 and bool(_BIO.match(text)) and bool(_BIO_ROLE.search(text))
            and not (first and first[0] in signals._stop_lists()[0]))  # a name, not "The meeting was ..."


def trim_article_end(classes: Sequence[str | None], texts: Sequence[str], span: tuple[int, int]) -> tuple[int, int]:
    """End the article before a trailing block of author bios (and the short lines among them).

    >>> trim_article_end(["good", "short", "good"], ["x" * 200, "About the author",
    ...                  "Ann Lee is a reporter at the Herald."], (0, 2))
    (0, 0)
    """
    start, stop = span
    stop = _close_at_count_heading(classes, texts, start, stop)
    stop = _close_at_tags(classes, texts, start, _before_post_header(classes, texts, start, stop))
    stop = _close_at_sign_off(classes, texts, start, stop)
    stop = _close_at_label(classes, texts, start, stop)
    stop = _close_at_about_box(classes, texts, start, stop)
    stop = _close_at_letters(classes, texts, start, stop)
    stop = _close_at_teaser(classes, texts, start, stop)
    k, seen_bio = stop, False
    while k > start and (classes[k] in (None, SHORT, BAD) or author_bio(texts[k])):
        seen_bio = seen_bio or author_bio(texts[k])
        k -= 1
    if not seen_bio:
        return start, stop
    while k > start and classes[k] not in (GOOD, MEDIUM):
        k -= 1
    return start, k


def _signed_with_place(text: str) -> bool:
    """A letter's signature: a name and the writer's town after a comma (``Ann Lee, Leeds``,
    ``Dr. Tom Ray, New Haven``), every word capitalised, no digit.

    >>> _signed_with_place("Dr. Ann Lee, New Haven"), _signed_with_place("Iran, Iraq and the oil price")
    (True, False)
    """
    name, comma, place = text.strip().partition(",")
    return (bool(comma) and 2 <= len(name.split()) <= 4 and 1 <= len(place.split()) <= 3
            and not _DIGIT.search(text) and signals.capital_share(name) == 1.0
            and signals.capital_share(place) == 1.0 and signals.name_like(name))


def _close_at_letters(classes: Sequence[str | None], texts: Sequence[str], start: int, stop: int) -> int:
    """End a letters page at its last letter's signature: when two or more prose paragraphs of
    the run are each signed by a name and town (:func:`_signed_with_place`), the one or two
    paragraphs after the last signature are the editors' notice (``Write to us at ...``).

    >>> classes = ["good", "short", "good", "short", "good"]
    >>> _close_at_letters(classes, ["x" * 200, "Ann Lee, Leeds", "y" * 200, "Tom Ray, York", "Write to us."], 0, 4)
    3
    >>> _close_at_letters(classes, ["x" * 200, "Ann Lee, Leeds", "y" * 200, "What next", "z" * 200], 0, 4)
    4
    """
    signed = [k for k in range(start + 1, stop) if classes[k] == SHORT and classes[k - 1] in (GOOD, MEDIUM)
              and _signed_with_place(texts[k])]
    if len(signed) < 2 or not 1 <= stop - signed[-1] <= 2:
        return stop
    return signed[-1] if all(classes[j] in (GOOD, MEDIUM) for j in range(signed[-1] + 1, stop + 1)) else stop


def _close_at_teaser(classes: Sequence[str | None], texts: Sequence[str], start: int, stop: int) -> int:
    """A short label and one headline closing the run (``Read also`` / ``Why is diesel dearest
    on the island?``) are a teaser for another piece: the article ends at the prose above them.
    A headline ends no sentence (a question may close one); the label has at most four words.

    >>> _close_at_teaser(["good", "good", "short", "good"],
    ...                  ["x" * 200, "y" * 200, "See also", "Why is diesel dearest on the island this winter?"], 0, 3)
    1
    >>> _close_at_teaser(["good", "good", "short", "good"],
    ...                  ["x" * 200, "y" * 200, "What next", "The vote is in June. Nobody expects a change."], 0, 3)
    3
    """
    label = stop - 1
    if (label - 1 < start or classes[label] != SHORT or classes[stop] not in (GOOD, MEDIUM)
            or len(texts[label].split()) > 4 or signals.ends_sentence(texts[label]) or not _headline_like(texts[stop])
            or len(_SENTENCE_BREAK.findall(texts[stop].rstrip() + " ")) > 1):
        return stop
    last = last_prose_before(classes, start, label)
    return last if classes[last] in (GOOD, MEDIUM) else stop


def _close_at_about_box(classes: Sequence[str | None], texts: Sequence[str], start: int, stop: int) -> int:
    """End the run before a closing box about the publisher (a press release's ``About Acme
    Oil`` / ``Acme Oil is a refiner ...``): a short heading over the run's last one or two
    paragraphs (a second short heading may part them: ``Forward-Looking Statements``) that names, with more words, a line shown before the article which comes back
    twice or more on the page (the site's banner, in the footer too), after the author's own
    prose. A speaker's label alone (``Operator``) is no such heading.

    >>> texts = ["Acme Oil", "Supply stays", "x" * 200, "y" * 200, "About Acme Oil", "Acme Oil refines.", "© Acme Oil"]
    >>> _close_at_about_box(["short", "short", "good", "good", "short", "medium", "short"], texts, 2, 5)
    3
    >>> texts = ["Acme Oil", "Supply stays", "x" * 200, "y" * 200, "About Acme Oil", "The firm refines.", "Terms"]
    >>> _close_at_about_box(["short", "short", "good", "good", "short", "medium", "short"], texts, 2, 5)
    5
    """
    for k in range(max(start + 1, stop - 5), stop):
        if not (_box_heading_line(classes, texts, k)
                and any(classes[j] in (GOOD, MEDIUM) for j in range(start, k))
                and classes[k + 1] in (GOOD, MEDIUM)
                and sum(classes[j] in (GOOD, MEDIUM) for j in range(k + 1, stop + 1)) <= 2
                and all(classes[j] in (GOOD, MEDIUM) or _box_heading_line(classes, texts, j)
                        for j in range(k + 1, stop + 1))):
            continue
        heading = _norm(texts[k])
        named = [b for b in range(start) if 1 <= len(texts[b].split()) <= 6 and 6 <= len(_norm(texts[b])) < len(heading)
                 and _norm(texts[b]) in heading]
        if any(_recurs(texts, b) for b in named):
            return last_prose_before(classes, start, k)
    return stop


def _box_heading_line(classes: Sequence[str | None], texts: Sequence[str], k: int) -> bool:
    """A short heading of up to eight words that ends no sentence."""
    return classes[k] == SHORT and not signals.ends_sentence(texts[k]) and len(texts[k].split()) <= 8


# A heading that counts what follows it: "Reactions (5)", "Messages from listeners (6)"; a year in
# brackets is no count ("Embassy Road (2021)").
# the count in brackets after the words, as a heading puts it (not "2 History", a wiki's section number)
_BRACKETED_COUNT_END = regex.compile(r"\p{L}.*\(\p{Nd}+\)")


def count_heading(text: str) -> bool:
    """True for a short heading that counts the records under it: a line announcing a number
    (:func:`corpuslib.corpus.signals.announced_number`) in brackets after one to four words
    (``Reaktiounen (5)``, ``Messages from listeners (6)``). A count before a word (``14
    Comments``) is left out: it is also how a wiki numbers its sections (``2 History``).

    >>> count_heading("Reactions (5)"), count_heading("Embassy Road (2021)"), count_heading("2 History")
    (True, False, False)
    """
    text = text.strip()
    return (signals.announced_number(text) is not None and _BRACKETED_COUNT_END.fullmatch(text) is not None
            and 1 <= len(signals.words(text)) <= 4 and not signals.ends_sentence(text))


def _close_at_count_heading(classes: Sequence[str | None], texts: Sequence[str], start: int, stop: int) -> int:
    """A heading counting the records under it (:func:`count_heading`) after two or more prose
    paragraphs opens the page's responses: the article ends at the last prose before it."""
    prose = 0
    for k in range(start, stop + 1):
        if prose >= 2 and classes[k] in (SHORT, BAD) and count_heading(texts[k]):
            return last_prose_before(classes, start, k)
        prose += classes[k] in (GOOD, MEDIUM)
    return stop


# A row of two or more hashtags and nothing else: a post's tags.
_HASHTAG_ROW = regex.compile(r"(?:#[\p{L}\p{M}\p{N}_]+(?:\s+[\p{Ll}\p{N}_]+)*[\s,·]*){2,}")


def hashtag_row(text: str) -> bool:
    """True for a line of two or more hashtags and nothing else (``#Iraq #Energy #Sanctions``).

    >>> hashtag_row("#Iraq #Energy, #power markets"), hashtag_row("#1 Posted by Ann"), hashtag_row("#Iraq")
    (True, False, False)
    """
    return _HASHTAG_ROW.fullmatch(text.strip()) is not None


def _close_at_tags(classes: Sequence[str | None], texts: Sequence[str], start: int, stop: int) -> int:
    """A post's tag row closes it (social posts, blogs): the first hashtag row after the
    article's prose (inside the run, or the line right after it) is its last line; a
    paywall notice or support appeal after it is the platform's, not the post's."""
    seen_prose = False
    for k in range(start, min(stop + 2, len(texts))):
        if seen_prose and classes[k] is not None and hashtag_row(texts[k]):
            return k
        seen_prose = seen_prose or classes[k] in (GOOD, MEDIUM)
    return stop


# A "Label: value" line that is no sentence ("Contributing: Associated Press", "Tags: Iraq, oil").
_LABEL_LINE = regex.compile(r"[\p{L}][\p{L} ]{0,24}:\s+\S")


def _close_at_label(classes: Sequence[str | None], texts: Sequence[str], start: int, stop: int) -> int:
    """A ``Label: value`` line right after the last good paragraph (a credit, tags, a source
    note) closes the article when no good prose follows it in the run: what follows it to the
    run's end (a subscription pitch) is the publisher's. Returns the index of the last good
    paragraph, or ``stop``."""
    last = next((k for k in range(stop, start - 1, -1) if classes[k] == GOOD), None)
    if (last is None or last >= stop or classes[last + 1] != SHORT or not _LABEL_LINE.match(texts[last + 1])
            or signals.ends_sentence(texts[last + 1])):
        return stop
    return last


def _close_at_sign_off(classes: Sequence[str | None], texts: Sequence[str], start: int, stop: int) -> int:
    """The author's sign-off closes the article (:func:`sign_off_end`, the run going on
    after it): after two or more prose paragraphs, what follows a valediction and name, or a
    lone name the header above gave (``Yasmin`` under ``Yasmin Khoury``), is the platform's
    (a newsletter's share-and-refer appeal), not the author's. Returns the index of the last
    prose paragraph before the sign-off, or ``stop``."""
    first = next((j for j in range(start, stop + 1) if classes[j] in (GOOD, MEDIUM)), start)
    above = _cased_words(" ".join(texts[:first + 1]))  # the page's header, the byline stacked on the lead
    lines = Counter(t.strip() for t in texts[start:stop + 1])
    prose = 0
    for k in range(first, stop):
        prose += classes[k] in (GOOD, MEDIUM)
        if (prose >= 2 and classes[k] in (GOOD, MEDIUM) and classes[k + 1] == SHORT
                and lines[texts[k + 1].strip()] == 1  # a recurring name labels speakers (a transcript)
                and speaker_turns(classes, texts, k + 2) < 2):
            end = _sign_off_at(classes, texts, k + 1, above, closed=True)
            if end is not None and end < stop:
                return k
    return stop


def last_prose_before(classes: Sequence[str | None], start: int, k: int) -> int:
    """Index of the last good or medium unit before ``k`` (``start`` when there is none)."""
    last = k - 1
    while last > start and classes[last] not in (GOOD, MEDIUM):
        last -= 1
    return last


def close_at_post_controls(classes: Sequence[str | None], texts: Sequence[str], start: int, stop: int,
                           repeats: Sequence[int]) -> int:
    """The frame of a post closes it: after the article's prose, a short line the page repeats
    two or more times after the run (``Like · Reply`` under every later post) is the platform's
    post footer, not the author's text, and neither is what follows it up to the run's end
    (``Ann and 6 others like this``) unless good prose does. ``repeats[k]`` counts the
    occurrences of ``texts[k]`` as a line of the page after the run. Returns the index of the
    last prose unit before the footer, or ``stop``.

    >>> close_at_post_controls(["good", "good", "short", "medium"],
    ...     ["x" * 200, "y" * 200, "Like Reply", "Ann and 6 others like this."], 0, 3, [0, 0, 3, 0])
    1
    """
    seen_prose = False
    for k in range(start, stop + 1):
        if (seen_prose and classes[k] in (SHORT, BAD) and repeats[k] >= 2
                and all(classes[j] != GOOD for j in range(k + 1, stop + 1))):
            return last_prose_before(classes, start, k)
        seen_prose = seen_prose or classes[k] in (GOOD, MEDIUM)
    return stop


def author_box(classes: Sequence[str | None], texts: Sequence[str], start: int, stop: int,
               *, header: str | None = None) -> int | None:
    """Index of an author box closing the run, or None: after two or more prose paragraphs, a
    full name the page's header above the article gave (its byline) over one or two lines
    that are no good prose (``Marcus Bell`` / ``Defense editor. Former Army analyst.``). The
    box describes the author; it is not the author's text (a name alone is a sign-off).
    ``header`` is the page text just above the article's first paragraph (see :func:`sign_off_end`).

    >>> author_box(["short", "good", "good", "short", "medium"], ["By Ann Lee", "x" * 200, "y" * 200,
    ...            "Ann Lee", "Defence editor. Former analyst."], 1, 4)
    3
    >>> author_box(["short", "good", "good", "short", "medium"], ["By Ann Lee", "x" * 200, "y" * 200,
    ...            "Bo Chen", "Defence editor. Former analyst."], 1, 4)
    """
    first = next((j for j in range(start, stop + 1) if classes[j] in (GOOD, MEDIUM)), start)
    above = set(signals.words(" ".join([header or "", *texts[:first]])))
    for k in (stop - 2, stop - 1):
        if k <= first or sum(classes[j] in (GOOD, MEDIUM) for j in range(first, k)) < 2:
            continue
        name = texts[k].strip()
        if (classes[k] == SHORT and 2 <= len(name.split()) <= 3 and signals.name_like(name)
                and not _DIGIT.search(name) and set(signals.words(name)) <= above
                and all(classes[j] in (SHORT, MEDIUM) for j in range(k + 1, stop + 1))
                and any(classes[j] == MEDIUM for j in range(k + 1, stop + 1))):
            return k
    return None


def speaker_turns(classes: Sequence[str | None], texts: Sequence[str], k: int, stop: int | None = None) -> int:
    """Speaker turns from ``k`` on (to ``stop``, inclusive): a short name-like line over
    prose (``Thomas Reilly`` / ``Thanks. Can you give us ...``). A transcript's next speaker
    is no sign-off, and its first speaker's label opens the article.

    >>> speaker_turns(["short", "good", "short", "good"], ["Operator", "Welcome.", "Ann Lee", "Thanks."], 0)
    2
    """
    last = len(texts) - 1 if stop is None else min(stop, len(texts) - 1)
    return sum(1 for j in range(k, last)
               if classes[j] == SHORT and classes[j + 1] in (GOOD, MEDIUM) and signals.name_like(texts[j]))


def _before_post_header(classes: Sequence[str | None], texts: Sequence[str], start: int, stop: int) -> int:
    """The last prose unit before a post header inside the run: after two or more prose
    paragraphs, a header of another poster (``Anon (ID: 7Qx) 01/05/24(Fri)14:47:09 No.1938``,
    ``Re: <title> by Obi: 9:31am``) or a post's footer (``posted by kay at 5:12 PM - 6
    comments``) starts the next post, not more of the article (a thread read as one run).
    The author's own next header (a self-thread) does not."""
    prose, seen = 0, {_poster(t) for t in texts[:start] if _post_header(t)}
    for k in range(start, stop + 1):
        if classes[k] is not None and _post_header(texts[k]) and not timed_list_entry(texts, k):
            if prose >= 2 and _poster(texts[k]) not in seen:
                return last_prose_before(classes, start, k)
            seen.add(_poster(texts[k]))
        prose += classes[k] in (GOOD, MEDIUM)
    return stop


def _post_header(text: str) -> bool:
    """A short line with a clock time and two or more other words that does not end as a
    sentence (not a bare ``14:32 GMT`` or ``Jan 12, 2024, 09:16 · Web``)."""
    return (len(text) <= 160 and bool(_CLOCK.search(text)) and not signals.ends_sentence(text)
            and len(signals.words(_poster(text) + " " + text[_time_spans(text)[-1][1]:])) >= 2)


def _time_spans(text: str) -> list[tuple[int, int]]:
    return signals.find_times(text) or [(0, 0)]


def _poster(text: str) -> str:
    """What a header line says before its first time token (the poster), normalised."""
    return " ".join(signals.words(text[: _time_spans(text)[0][0]]))


_SLUG = regex.compile(r"[a-z].*[-_].*[a-z]", regex.I)  # words joined by "-" or "_"
_SLUG_BREAK = regex.compile(r"[-_.]+")
_FILE_EXTENSION = regex.compile(r"\.\w{2,5}$")
_TITLE_BREAK = regex.compile(r"[-–—_/]+")


def slug_words(url: str | None) -> set[str]:
    """Content words of a URL's last meaningful path segment.

    >>> sorted(slug_words("https://x.example/2019/03/04/the-militia-question/"))
    ['militia', 'question']
    """
    if not url:
        return set()
    parts = [p for p in urlparse(url).path.split("/") if p and not p.isdigit()]
    parts = [p for p in parts if _SLUG.search(p)]
    if not parts:
        return set()
    tokens = _SLUG_BREAK.split(_FILE_EXTENSION.sub("", parts[-1]).lower())
    stops = signals._stop_lists()[0]
    return {t for t in tokens if len(t) > 1 and not t.isdigit() and t not in stops}


@lru_cache(maxsize=4096)  # each line before the article is scored against slug, title and preferred words
def _title_words(text: str) -> frozenset[str]:
    return frozenset(_TITLE_BREAK.split(" ".join(map(_fold, signals.words(text))).replace(" ", "-"))) - {""}


def _fold(word: str) -> str:
    """A word as a URL slug spells it: no accents, no apostrophes, dotless i as i
    (``süleymani'nin`` -> ``suleymaninin``)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("ı", "i"))
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "'’ʼ")


def _same_stem(a: str, b: str) -> bool:
    """Slug and headline spell a word in different forms (``iran``/``iranian``, ``killed``/``killing``)."""
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= min(len(a), len(b)) - 2


def _slug_overlap(text: str, slug: set[str]) -> float:
    """Share of the slug's words the line holds (word forms may differ)."""
    if not slug:
        return 0.0
    ws = _title_words(text)
    return sum(1 for t in slug if any(_same_stem(t, w) for w in ws)) / len(slug)


def _slug_precision(text: str, slug: set[str]) -> float:
    """Share of the line's words that are slug words (a breadcrumb or a running header holds more)."""
    ws = _title_words(text)
    return sum(1 for w in ws if any(_same_stem(t, w) for t in slug)) / len(ws) if ws and slug else 0.0


def _thread_title(text: str) -> bool:
    """A line that can title a thread: short, one line, not a statement ending in a full stop."""
    return len(text) <= 200 and len(text.split()) <= 25 and "\n" not in text and not text.rstrip().endswith(".")


def title_continues(title: str, following: str) -> bool:
    """True when a headline ending in a colon goes on in the next line (title: subtitle).

    >>> title_continues("Between Two Patrons:", "Managing Influence After the War")
    True
    >>> title_continues("Between Two Patrons", "Managing Influence After the War")
    False

    A one-word field label (``Title:``) is no headline of its own.
    """
    return title.rstrip().endswith(":") and _word_count(title) >= 2 and _headline_like(following)


def title_echo(text: str, title: str) -> bool:
    """True for a short line that repeats the page's title after an icon's or a label's word
    or two (``Default Iran's hand in the raid?`` under the thread title ``Iran's hand in the
    raid?``): the post restating its title, not its text.

    >>> title_echo("Default Why did the council wait?", "Why did the council wait?")
    True
    >>> title_echo("Why did the council wait? Because the meters are old.", "Why did the council wait?")
    False
    >>> title_echo("Mar 3, 2024; 8:41am Why did the council wait?", "Why did the council wait?")
    True
    """
    key = _norm(title)
    if len(key) < 12 or not _norm(text).endswith(key):
        return False
    for a, b in reversed(signals.find_times(text)):  # "Jul 16, 2012; 8:41am <title>": the post's date before it
        text = text[:a] + " " + text[b:]
    return len(text.split()) <= len(title.split()) + 2


def _norm(text: str) -> str:
    return "".join(filter(str.isalnum, text.casefold()))


# Page metadata, not a headline: hashtags, compact counts ("231K views", "1.2M"), follower counts.
# A file's size ("(214 KB, 1280x853)", "PDF | 412.6 KB"): an attachment's line, not a headline.
_METADATA = regex.compile(r"#\w+.*#\w+|\b\d+(?:[.,]\d+)?[KkMm]\b|\b\d[\d,.]*\s+(?:views|subscribers|followers|likes)\b|"
                          r"\b\d+(?:[.,]\d+)?\s?[KMG]i?B\b", regex.I)
_FIELD = regex.compile(r"\p{L}[\p{L}\s]{0,25}:\s+\S.*")
# A label and a list of tags or names ("Topics: oil, Kurdistan, US policy").
_TAG_LIST = regex.compile(r"\p{L}[\p{L}\s]{0,25}:\s*[^,:]{1,30}(?:[,·][^,:]{1,30}){2,}")
# A line wholly in brackets: an image's alternative text ("[Poster: Embassy Road (2021)]").
_ALT_TEXT = regex.compile(r"\[[^\[\]]*\]")
# A clock time ("10:02 AM", "오전 10:12", "08:41"): a line carrying one is metadata, not a headline.
_CLOCK = regex.compile(r"(?<![\d:])\d{1,2}:\d{2}(?![\d])")


def _word_count(text: str) -> float:
    """Letter words of a line (a pager's numbers are none); in Chinese or Japanese a word is
    about two characters."""
    unspaced = len(_UNSPACED.findall(text))
    return len(signals.words(_UNSPACED.sub(" ", text))) + unspaced / 2


_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")


_BRACKETED = regex.compile(r"\[[^\]\n]{1,40}\]")
_PUNCTUATED = regex.compile(r"[:,?!;\d]|" + signals.SENTENCE_MARK)


def _word_row(text: str) -> bool:
    """A row of five or more capitalised words without a function word or any punctuation:
    a menu whose separators were lost (``News Messenger Friends Groups Photos``); a headline
    of that length has a function word or a mark. Half or more site-chrome words
    (``Search Feeds Sign in Create account``) is a menu too.

    >>> _word_row("Politics Economy Science Sport Culture"), _word_row("Iraq Votes on the Troop Plan")
    (True, False)
    >>> _word_row("Home Search Notifications Messages Groups"), _word_row("[Home] [Photos from Iraq] [Links]")
    (True, True)
    """
    ws = signals.words(text)
    content = [w for w in ws if signals.stop_share([w]) == 0.0]
    chrome = sum(w in signals.CHROME_WORDS for w in content)
    if len(ws) >= 4 and chrome >= 2 and chrome * 2 >= len(content):
        return True
    if len(_BRACKETED.findall(text)) >= 3:
        return True  # "[Home] [Photos] [Links] [Guestbook]"
    # a row of labels: no punctuation or digit, and a quarter or more of its words are
    # site-chrome words of four or more letters ("Home Search Notifications Messages")
    long_chrome = sum(1 for w in ws if len(w) >= 4 and w in signals.CHROME_WORDS)
    if len(ws) >= 4 and long_chrome >= 2 and long_chrome * 4 >= len(ws) and not _PUNCTUATED.search(text):
        return True
    return (len(ws) >= 5 and signals.capital_share(text) == 1.0 and signals.stop_share(ws) == 0.0
            and regex.fullmatch(r"[\p{L}\p{M}\s]+", text.strip()) is not None)


def _headline_like(text: str) -> bool:
    n = _word_count(text)
    stripped = text.rstrip("”\"'’")
    return (
        not _METADATA.search(text)
        and 3 <= n <= 30
        and (len(text.split()) >= 2 or _UNSPACED.search(text) is not None)  # not a key or an id ("npub1q9r3x7...")
        and not _ALT_TEXT.fullmatch(text.strip())
        and (not signals.ends_sentence(stripped) or signals.ends_question(stripped))  # a question heads a thread
        and not _CLOCK.search(text)
        and not _word_row(text)
        and not _CAPTION.search(text)
        and not text.rstrip().endswith(":")
        and not signals.menu_like(text)
        and not signals.chrome_words_only(text)
        and not _BYLINE.match(text)
        and not _time_line(text)
        and not _COPYRIGHT.search(text)
    )


def _time_line(text: str) -> bool:
    """A line carrying a timestamp (a post header, a dateline); not a headline that ends in
    the year its story happened (``Update from Camp Delta, April 2004``: four or more words
    before a bare year).

    >>> _time_line("Ann Lee, 8 January 2020"), _time_line("Checkpoint on the Kirkuk road, October 2017")
    (True, False)
    """
    split = signals.split_time_line(text)
    if split is None:
        return False
    prefix, stamp, suffix = split
    return not (regex.fullmatch(r"(?:19|20)\d\d", stamp.strip()) and not suffix.strip()
                and len(signals.words(prefix)) >= 4)


def find_title(
    texts: Sequence[str], start: int, *, title: str | None = None, url: str | None = None,
    menus: Sequence[bool] | None = None, below: str = "",
) -> tuple[int, str, float] | None:
    """Index of the title among ``texts`` (units before the article ``start``).

    The manifest title is matched exactly (up to case and punctuation) or as the start of
    a longer headline; a manifest title the page words differently ("Basra water crisis
    brief" for "Thirst in the South: Basra's Water Crisis ...") is matched by shared words,
    like the URL slug. ``menus`` flags units that are menus in the page's own layout
    (their gaps tidied away in ``texts``); they are never the title. ``below`` is the page
    text between the article's first unit and the next (a post header read apart). Returns
    ``(index, rule, confidence)`` or None.

    >>> find_title(["Home | About", "Iraq Votes on the Troops Bill", "By Ann", "Body."], 3)
    (1, 'headline_before_article', 0.6)
    """
    page = texts
    if menus is not None:
        texts = ["" if menu else text for text, menu in zip(texts, menus, strict=True)]
    if title:
        key = _norm(title)
        exact = [k for k, text in enumerate(texts) if key and _norm(text) == key]
        longer = [k for k, text in enumerate(texts) if len(key) >= 12 and _norm(text).startswith(key)]
        if exact or longer:  # the headline itself before a line that goes on after it ("... af Kasper_A")
            return (exact or longer)[0], "manifest_title", 1.0
        parts = _title_parts(title)
        prefer = _content_words(parts[0]) if parts else set()  # "Embassy Road (2021) - User reviews"
        match = _best_word_match(texts, start, _content_words(title), prefer=prefer)
        for part in parts if match is None else ():
            match = _best_word_match(texts, start, _content_words(part))
            if match is not None:
                break
        whole = {_norm(part) for part in parts}
        if match is not None and _norm(texts[match]) in whole and _recurs(texts, match):
            # one piece alone ("Press releases | Acme Oil") that comes back in the "About Acme Oil"
            # box and the footer: the site's name; the headline is a line that names it in passing
            named = ["" if _norm(text) in whole or _recurs(texts, k) else text for k, text in enumerate(texts[:start])]
            named += texts[start:]
            other = next((m for part in parts if (m := _best_word_match(named, start, _content_words(part))) is not None),
                         None)
            match = match if other is None else other
        if match is not None:
            return _crumb_target(texts, match, start), "manifest_title_words", 0.8
        # a manifest title the page does not show (a newsletter's subject line): read the page
        # for a headline over its byline
    slug = slug_words(url)
    match = _best_word_match(texts, start, slug)
    if match is not None and _word_count(texts[match]) >= 3:  # not the account a path names ("@ann_lee")
        return _crumb_target(texts, match, start), "url_slug_title", 0.9
    echoed = _echoed_in_field(texts, start)
    if echoed is not None:
        return echoed, "title_echoed_in_field", 0.8
    quoted = _echoed_in_quotes(texts, start)
    if quoted is not None:
        return quoted, "title_echoed_in_quotes", 0.8
    fields = [bool(_FIELD.fullmatch(t)) for t in texts[:start]] + [False]
    near = [k for k in range(max(0, start - 12), start) if _headline_like(texts[k]) and _word_count(texts[k]) >= 5
            and not (fields[k] and (fields[k - 1] or fields[k + 1]))  # "Current Mood: uneasy" and its kin
            and not _recurs(texts, k) and not byline_shaped(texts[k])]
    if not near:
        crumb = _under_breadcrumb(page, start)  # the breadcrumb is a menu: read the page's own line
        if crumb is None and _headline_over_byline(texts, start, below):
            return start, "headline_opening_article", 0.6
        return crumb
    best = max(near, key=lambda k: (_headline_score(texts[k]) + _slug_overlap(texts[k], slug)
                                    + 0.3 * _over_byline(texts, k, start), k))
    # a line holding another candidate whole names it with more words ("View all <headline> debates")
    inner = [k for k in near if k != best and len(_norm(texts[k])) >= 12 and _norm(texts[k]) in _norm(texts[best])]
    best = inner[-1] if inner else best
    # a list of threads shows the headline cut short ("Iran fires missiles at" in the sidebar,
    # "Iran fires missiles at US bases in Iraq" over the post): the whole one, nearer the text
    whole = [k for k in near if k > best and len(_norm(texts[best])) >= 12
             and _norm(texts[k]).startswith(_norm(texts[best])) and len(_norm(texts[k])) > len(_norm(texts[best]))]
    best = whole[-1] if whole else best
    if title and not _over_byline(texts, best, start):
        return None  # the manifest names a title the page may not show: only a headline over its byline
    return best, "headline_before_article", 0.6


def _headline_over_byline(texts: Sequence[str], start: int, below: str = "") -> bool:
    """True when the article's first unit is its headline: nothing that could title the page
    stands above it, it reads as a headline (:func:`_headline_like`, a question may close it)
    and its byline or date line stands right under it, over more text (a page that opens on
    the piece itself: ``Why the bazaar fears the dollar`` / ``Ann Lee, 15 January 2020``), or
    a post header stands in the page text ``below`` it (a thread's subject over its first post's
    ``Anonymous 01/05/24(Fri)14:22:03 No.19384``).

    >>> _headline_over_byline(["Why the bazaar fears the dollar", "Ann Lee, 15 January 2020", "x" * 200], 0)
    True
    >>> _headline_over_byline(["The bazaar fears the dollar. Traders wait.", "Ann Lee", "x" * 200], 0)
    False
    """
    return (start + 2 < len(texts) and _headline_like(texts[start]) and _word_count(texts[start]) >= 4
            and not _several_sentences(texts[start])
            and (byline_shaped(texts[start + 1]) or _time_line(texts[start + 1])
                 or any(_post_header(line.strip()) for line in below.splitlines())))


_CRUMB_SEPARATOR = regex.compile(r"\s(?:>|›|»|/)\s")


def _last_crumb(line: str) -> str:
    """The last crumb of a breadcrumb trail of three crumbs or more (``Home > Guides > Valley``:
    ``Valley``); ``""`` when ``line`` is no such trail."""
    crumbs = _CRUMB_SEPARATOR.split(line.strip())
    return crumbs[-1].strip() if len(crumbs) >= 3 else ""


def _crumb_target(texts: Sequence[str], k: int, start: int) -> int:
    """The page's own headline when line ``k`` is a breadcrumb ending in it (``Index » Work abroad
    » Pensions for Iraq workers`` over ``Pensions for Iraq workers``): the line before the article
    that is the trail's last crumb; else ``k``.

    >>> _crumb_target(["Index » Abroad » Pensions for Iraq workers", "Pensions for Iraq workers", "Body."], 0, 2)
    1
    """
    last = _norm(_last_crumb(texts[k]))
    return next((j for j in range(start) if j != k and last and _norm(texts[j]) == last), k)


def _under_breadcrumb(texts: Sequence[str], start: int) -> tuple[int, str, float] | None:
    """The short headline right under a breadcrumb that opens with the breadcrumb's last crumb
    (``Home > Destinations > Iraq`` / ``Iraq travel advice``): the trail ends at the page it
    stands on.

    >>> _under_breadcrumb(["Home > Guides > Valley", "Valley water advice", "Body."], 2)
    (1, 'title_under_breadcrumb', 0.6)
    """
    for k in range(max(1, start - 12), start):
        last = _last_crumb(texts[k - 1])
        text = texts[k].strip()
        if (last and _norm(text).startswith(_norm(last)) and len(_norm(text)) > len(_norm(last))
                and len(text.split()) >= 2 and _headline_like(text)):
            return k, "title_under_breadcrumb", 0.6
    return None


def _echoed_in_field(texts: Sequence[str], start: int) -> int | None:
    """The line before the article ``start`` that a labelled field anywhere on the page repeats
    word for word (a cable's ``SUBJECT: X`` under its headline ``X``, a clipping's ``title: "X"``
    above it, a forum reply's ``Re: X`` under the thread's ``X``): the page's own title.

    >>> _echoed_in_field(["Forum > Oil", "Fuel prices again", "Body.", "Re: Fuel prices again"], 2)
    1
    """
    lines: dict[str, int] = {}
    for k, text in enumerate(texts[:start]):
        if _word_count(text) >= 3:
            lines.setdefault(_norm(text), k)
    for k, text in enumerate(texts):
        if _FIELD.fullmatch(text):
            j = lines.get(_norm(text.split(":", 1)[1]))
            if j is not None and j != k:
                return j
    return None


# A span in quotation marks: "...", “...”, „...“, «...», ‹...›.
_QUOTED_SPAN = regex.compile(r"""["“„«‹»]([^"“”„«»‹›\n]{3,200})["”“»«›]""")


def _echoed_in_quotes(texts: Sequence[str], start: int) -> int | None:
    """The line before the article that a short line elsewhere on the page quotes whole
    (``6 comments on "A Letter from Baghdad"``, ``Re: «X»``): the page's own title, the
    nearest such line to the article when the title also stands in a list of posts.

    >>> _echoed_in_quotes(["Blog", "A Letter from Baghdad", "Body.", '3 comments on "A Letter from Baghdad"'], 2)
    1
    """
    quoted = set()
    for text in texts:
        for m in _QUOTED_SPAN.finditer(text):
            inner = m.group(1)
            if len(inner.split()) >= 2 and len(text.split()) <= len(inner.split()) + 6:
                quoted.add(_norm(inner))
    found = [k for k in range(start) if _norm(texts[k]) in quoted and not signals.ends_sentence(texts[k])
             and not _QUOTED_SPAN.search(texts[k]) and _list_marker(texts[k]) is None]
    return found[-1] if found else None


def _over_byline(texts: Sequence[str], k: int, start: int) -> bool:
    """True when line ``k`` stands over its byline (the next line or the one after, before
    the article): a news page's headline, not a banner or teaser. A bare date is no such
    cue: a blog puts its date header above the post's title."""
    return any(byline_shaped(texts[j]) for j in range(k + 1, min(k + 3, start)))


# How a browser title joins the headline to the site or a label: "Headline - Site", "Site | Headline".
_TITLE_SEPARATOR = regex.compile(r"\s+[-–—|·:]\s+")


def _title_parts(title: str) -> list[str]:
    """The pieces of a manifest title split at its separators (``Shamal Kitchen, Erbil -
    Restaurant Reviews``, ``DRAFT – Iraq's gas flaring ...``), longest first; none when it
    has no separator. A page shows the headline piece, not the site or label around it."""
    pieces = _TITLE_SEPARATOR.split(title)
    if len(pieces) < 2:
        return []
    return sorted((p for p in pieces if len(_content_words(p)) >= 2), key=len, reverse=True)


def _recurs(texts: Sequence[str], k: int) -> bool:
    """True when line ``k`` comes back in two or more other units of the page: a channel,
    group or account name shown with each post, not a headline."""
    key = _norm(texts[k])
    return bool(key) and sum(1 for j, t in enumerate(texts) if j != k and key in _norm(t)) >= 2


def _content_words(text: str) -> set[str]:
    """Words of a manifest title that can be matched on the page (stopwords and one-letter words dropped)."""
    return {w for w in _title_words(text) if len(w) > 1 and signals.stop_share([w]) == 0.0}


# A line that is one web or mail address (``kin.social``, ``list@groups.example.io``): the site's
# or the list's name, which the manifest title and the URL share, never the piece's headline.
_SITE_ADDRESS = regex.compile(r"(?:[\w\-]+@)?[\w\-]+(?:\.[\w\-]+)*\.\p{Ll}{2,}")


def _best_word_match(texts: Sequence[str], start: int, key: set[str], *, prefer: set[str] | None = None) -> int | None:
    """The line before the article (or a thread's opening line) holding half or more of ``key``'s
    words (URL slug or manifest title words; word forms may differ), the most precise first.
    Tag lists (``Topics: oil, Kurdistan``), time lines, a site's address and notes about the piece
    (``The following is a summary of the briefing by ...``) are no titles."""
    if not key:
        return None
    candidates = list(enumerate(texts[:start]))
    if start < len(texts) and _thread_title(texts[start]):
        candidates.append((start, texts[start]))  # a thread's opening line is its title ("... What is X?")
    scored = [(_slug_overlap(t, key), _slug_overlap(t, prefer or set()), _slug_precision(t, key), k) for k, t in candidates
              if len(t) <= 300 and not signals.menu_like(t) and not _TAG_LIST.fullmatch(t) and not _CLOCK.search(t)
              and not _ALT_TEXT.fullmatch(t.strip()) and not _SITE_ADDRESS.fullmatch(t.strip())
              and not _about_the_piece(t) and not _several_sentences(t)]
    if not scored:
        return None
    overlap, _preferred, _precision, k = max(scored, key=lambda p: (p[0], p[1], p[2], -p[3]))
    return k if overlap >= 0.5 else None


def _several_sentences(text: str) -> bool:
    """Two or more sentences ending in a full stop: a lead paragraph, never a headline.

    >>> _several_sentences("Iraq votes. The troops stay."), _several_sentences("Iraq votes: troops stay")
    (True, False)
    """
    return signals.ends_sentence(text) and not signals.ends_question(text) and len(_SENTENCE_BREAK.findall(text)) >= 2


def byline_shaped(text: str) -> bool:
    """A name alone, every word capitalised, maybe after one short word (``Mikko Laaksonen``,
    ``Ni Carlo Dimaculangan``, ``By Ann Lee``) or before a timestamp (``Ann Lee, 8 January
    2020, 09:47``): the byline under a headline, which no wrapped paragraph ends with (it
    would end its sentence).

    >>> byline_shaped("Ni Carlo Dimaculangan"), byline_shaped("the troops left in 2011")
    (True, False)
    >>> byline_shaped("Por Inês Brandão, coordenadora do programa Médio Oriente")
    True
    """
    text = text.strip()
    head, comma, _role = text.partition(",")  # "Por Inês Brandão, coordenadora do programa"
    if comma and len(head.split()) >= 3 and signals.stop_share([head.split()[0].casefold()]) == 1.0:
        return byline_shaped(head)
    dated = signals.split_time_line(text)  # "Olena Kravchuk, 08 January 2020, 09:47"
    if dated is not None and dated[0]:
        text = dated[0].strip(" ,;|·•-–—")
    tokens = text.split()
    if not 2 <= len(tokens) <= 5 or len(text) > 40:
        return False
    if len(tokens) >= 3 and len(tokens[0]) <= 3 and tokens[0].isalpha():
        tokens = tokens[1:]  # "By", "Ni", "Von", "Por"
    rest = " ".join(tokens)
    return 2 <= len(tokens) <= 4 and signals.capital_share(rest) == 1.0 and signals.name_like(rest)


def _headline_score(text: str) -> float:
    """Headlines are several words long and mostly capitalised (or long and plain); in a
    caseless script (Hebrew, Arabic, Devanagari, CJK) every line counts as half capitalised."""
    n = _word_count(text)
    cased = _CASED_LETTER.search(text) is not None
    capitals = signals.capital_share(text) if cased else 0.5
    return capitals * min(n, 10) / 10 + (0.3 if 6 <= n <= 25 else 0.0)

"""Quoted and pasted text inside units: small hand-made cases, then the bundled corpus."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from corpuslib.analysis.quotes import (
    QuoteSpan,
    article_copy_spans,
    find_quotes,
    merge_spans,
    own_words,
    pasted_statement_spans,
    quotation_spans,
    quote_spans,
    remove_spans,
    reply_quote_spans,
    split_own_words,
)
from corpuslib.analysis.sentiment import score_segments
from corpuslib.errors import SentimentError


def _texts(text: str, spans: list[QuoteSpan]) -> list[str]:
    return [text[s.start : s.end] for s in spans]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He was "open for discussions." Fine.', ['"open for discussions."']),
        ("He said “no deal” and “never”.", ["“no deal”", "“never”"]),
        ("«Non» dit-il.", ["«Non»"]),
        ("„Nein“, sagte er.", ["„Nein“"]),
        ('An unpaired " mark quotes nothing.', []),
        ("It’s the Iraqis’ call, isn’t it?", []),  # apostrophes are not quotes
        ("“First paragraph\n\nsecond paragraph” never pairs across a blank line.", []),
        ("“We will not pay.” – A. Minister, Tehran\nIran will pay.",
         ["“We will not pay.” – A. Minister, Tehran"]),
        ("Mid-line “quote” – no attribution taken.", ["“quote”"]),
    ],
)
def test_quotation_spans(text: str, quoted: list[str]) -> None:
    assert _texts(text, quotation_spans(text)) == quoted


def test_reply_quote_spans_take_whole_lines() -> None:
    text = "> first quoted line\n>second\nMy answer > yours."
    assert _texts(text, reply_quote_spans(text)) == ["> first quoted line", ">second"]


def test_article_copy_needs_a_long_shared_run() -> None:
    article = ("The Pentagon said on Monday that troops would remain in the country "
               "for as long as the government asks them to stay.")
    copied = ("As the piece says, the Pentagon said on Monday that troops would remain in "
              "the country for as long as the government asks. Rubbish.")
    spans = article_copy_spans(copied, article, n=5, min_words=10)
    assert _texts(copied, spans) == [
        "the Pentagon said on Monday that troops would remain in the country for as long "
        "as the government asks"
    ]
    # a short shared phrase is not a copy
    assert article_copy_spans("Troops would remain in the country, sadly.", article, n=5,
                              min_words=10) == []
    with pytest.raises(SentimentError):
        article_copy_spans(copied, article, n=10, min_words=5)


def test_pasted_statement_is_a_long_impersonal_paragraph() -> None:
    release = " ".join(["The institute has provided critical analysis of US policy."] * 20)
    own = "Sorry, please remove my link above. Here is what I meant to post."
    text = f"{own}\n\n{release}"
    spans = pasted_statement_spans(text)
    assert [s.kind for s in spans] == ["pasted_statement"]
    assert text[spans[0].start :] == release
    # "US" in capitals is the country, not a pronoun; "us" is a pronoun
    assert pasted_statement_spans(release.replace("US policy", "us all")) == []
    # the same length in the first person is the commenter's own
    assert pasted_statement_spans(" ".join(["I think we were wrong about Iraq."] * 30)) == []
    # short third-person comments are never flagged
    assert pasted_statement_spans("The war was lost in 2003 by the planners.") == []


def test_merge_and_remove_spans() -> None:
    text = 'Intro. "a" and "b" end.'
    spans = quote_spans(text)
    assert remove_spans(text, spans) == "Intro. and end."
    merged = merge_spans([QuoteSpan(0, 3, "quotation"), QuoteSpan(2, 10, "article_copy")])
    assert merged == [QuoteSpan(0, 10, "article_copy")]
    assert remove_spans("nothing quoted", []) == "nothing quoted"
    with pytest.raises(SentimentError, match="unknown"):
        quote_spans("x", kinds=["sarcasm"])


def test_find_quotes_searches_voices_as_asked() -> None:
    seg = pd.DataFrame({
        "doc_id": ["d"] * 4, "seq": [0, 1, 2, 3],
        "role": ["title", "body", "body", "comment"],
        "quoted": [False, False, True, False],
        "text": ['A "title"', 'Kerry was "open for discussions".', '"All of it"',
                 '> an earlier comment\nI disagree with "him".'],
    })
    found = find_quotes(seg)
    assert found[["seq", "voice", "kind"]].values.tolist() == [
        [1, "author", "quotation"], [3, "commenter", "reply_quote"], [3, "commenter", "quotation"]
    ]
    own = split_own_words(seg, found)
    assert own.loc[1, "own_text"] == "Kerry was."
    assert own.loc[3, "own_text"] == "I disagree with."
    assert own.loc[3, "quote_kinds"] == "reply_quote,quotation"
    assert own.loc[0, "own_text"] == 'A "title"'  # titles are not searched
    assert own["n_words_quoted"].tolist() == [0, 3, 0, 4]
    texts, n_quoted, kinds = own_words(seg, found)  # the same columns as lists
    assert texts == own["own_text"].tolist()
    assert n_quoted == own["n_words_quoted"].tolist() and kinds == own["quote_kinds"].tolist()


# ------------------------------------------------------------------ the bundled corpus

JWN = "004_eea85f3324e328e6"
ATLANTIC = "003_02c660931d4fc233"


def test_pasted_press_release_is_out_of_the_commenter_voice(seed_segments) -> None:
    found = find_quotes(seed_segments)
    release = found[(found["doc_id"] == JWN) & (found["kind"] == "pasted_statement")]
    assert len(release) == 1 and release["n_words"].item() > 400
    assert release["text"].item().startswith("Middle East Report 242")
    # nothing else in the corpus looks like a pasted statement
    assert (found["kind"] == "pasted_statement").sum() == 1

    scored = score_segments(seed_segments, instrument="vader")
    comment = scored[(scored["doc_id"] == JWN) & (scored["comment_id"] == 5)]
    own = comment["text"].item()
    assert own.startswith("Apologies, please remove the link above")
    assert "Middle East Report" not in own and "MERIP" not in own
    assert comment["n_words_quoted"].item() > 400
    assert comment["quote_kinds"].item() == "pasted_statement"
    # kept when asked
    kept = score_segments(seed_segments, instrument="vader", quotes="keep")
    assert "MERIP" in kept[(kept["doc_id"] == JWN) & (kept["comment_id"] == 5)]["text"].item()


def test_inline_quotations_are_out_of_the_author_voice(seed_segments) -> None:
    scored = score_segments(seed_segments, instrument="vader")
    kerry = scored[(scored["doc_id"] == ATLANTIC) & (scored["seq"] == 19)]
    assert kerry["voice"].item() == "author"
    text = kerry["text"].item()
    assert "open for discussions" not in text and "constructive" not in text
    assert text.startswith("Lo and behold, American Secretary of State John Kerry")
    authors = scored[scored["voice"] == "author"]
    assert not authors["text"].str.contains("[“”\"]", regex=True).any()
    assert (authors["n_words_quoted"] > 0).sum() >= 8
    # sentence level: no author sentence keeps a quotation either
    by_sentence = score_segments(seed_segments, instrument="vader", unit="sentence")
    author_sents = by_sentence[by_sentence["voice"] == "author"]["text"]
    assert not author_sents.str.contains("open for discussions").any()
    kept = score_segments(seed_segments, instrument="vader", quotes="keep")
    kerry_kept = kept[(kept["doc_id"] == ATLANTIC) & (kept["seq"] == 19)]["text"].item()
    assert "open for discussions" in kerry_kept


def test_quoted_lines_of_a_comment_leave_the_commenter_voice(seed_segments) -> None:
    scored = score_segments(seed_segments, instrument="vader")
    larijani = scored[(scored["doc_id"] == "000_f3a5e988c5b38aa5") & (scored["comment_id"] == 5)]
    text = larijani["text"].item()
    assert "Larijiani" not in text  # the quotations and their attribution lines
    assert text == "Iran wants nukes and they will want to make the world pay for defying them."


def _find_quotes_before(segments: pd.DataFrame, article: pd.DataFrame | None = None) -> pd.DataFrame:
    """find_quotes as it was before it searched in slices and kept digests in its memo:
    every unit in one pass, :func:`quote_spans` called afresh."""
    from corpuslib.analysis.quotes import DEFAULT_KINDS, _articles, quote_spans
    from corpuslib.corpus.units import voice_of

    voices = pd.Series(voice_of(segments), index=segments.index).astype(str)
    articles = _articles(segments if article is None else article)
    columns = ["doc_id", "seq", "voice", "kind", "start", "end", "n_words", "text"]
    rows = []
    langs = segments["lang"] if "lang" in segments.columns else pd.Series("en", index=segments.index)
    for voice, text, doc, seq, lang in zip(voices, segments["text"], segments["doc_id"],
                                           segments["seq"], langs, strict=True):
        if voice not in DEFAULT_KINDS or not isinstance(text, str):
            continue
        wanted = [k for k in DEFAULT_KINDS[voice] if str(lang) == "en" or k != "pasted_statement"]
        article_text = articles.get(str(doc)) if voice != "author" else None
        for s in quote_spans(text, kinds=wanted, article=article_text):
            span = text[s.start:s.end]
            rows.append((str(doc), seq, voice, s.kind, s.start, s.end,
                         len(re.findall(r"\w+(?:[’']\w+)*", span)), span))
    return pd.DataFrame(rows, columns=columns)


@pytest.mark.parametrize("slice_size", [3, 20_000])
def test_find_quotes_in_slices_equals_the_one_pass_search(seed_segments, monkeypatch, slice_size) -> None:
    from corpuslib.analysis import quotes

    monkeypatch.setattr(quotes, "_SLICE", slice_size)
    monkeypatch.setattr(quotes, "_MEMO", {})
    old = _find_quotes_before(seed_segments)
    assert len(old) > 10
    for _ in range(2):  # searched, then read from the memo
        pd.testing.assert_frame_equal(find_quotes(seed_segments), old, check_dtype=False)
    # a selection, articles from the whole table (as score_segments calls it)
    part = seed_segments[seed_segments["role"] != "body"].iloc[::2]
    pd.testing.assert_frame_equal(
        find_quotes(part, article=seed_segments).reset_index(drop=True),
        _find_quotes_before(part, article=seed_segments), check_dtype=False,
    )


# --- the faster inner steps against simple reference implementations ---------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TEXT = st.lists(
    st.sampled_from([*"aZ ’'\n.Σσİıß\u0307-\"“”", "ΑΣ", "US", "us", "I", "we", "You", "ΌΣ"]),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=6))
def test_words_fold_each_word_as_alone(texts: list[str]) -> None:
    from corpuslib.analysis.quotes import _WORD, _words

    for text in texts + [" ".join(texts)]:
        assert _words(text) == tuple(w.lower().replace("’", "'") for w in _WORD.findall(text))


def _pasted_before(text: str, *, min_words: int = 150, max_personal: float = 0.0) -> list[QuoteSpan]:
    """pasted_statement_spans as it was: each word folded alone, every pronoun counted."""
    from corpuslib.analysis.quotes import _PARAGRAPH, _PERSONAL, _WORD

    spans = []
    for m in _PARAGRAPH.finditer(text):
        raw = _WORD.findall(m.group())
        if len(raw) < min_words:
            continue
        words = [w.lower().replace("’", "'") for w in raw]
        personal = sum(w in _PERSONAL and r != "US" for w, r in zip(words, raw)) / len(words)
        if personal <= max_personal:
            spans.append(QuoteSpan(m.start(), m.end(), "pasted_statement"))
    return spans


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.integers(1, 12), st.sampled_from([0.0, 0.1, 0.5]))
def test_pasted_statement_spans_equal_the_reference(text: str, min_words: int, share: float) -> None:
    text = text * 3
    assert pasted_statement_spans(text, min_words=min_words, max_personal=share) == _pasted_before(
        text, min_words=min_words, max_personal=share
    )


def test_articles_equal_the_grouped_join(seed_segments) -> None:
    from corpuslib.analysis.quotes import _articles

    seg = seed_segments.copy()
    seg.loc[seg.index[seg["role"] == "body"][:2], "text"] = None  # a missing text joins as ""
    body = seg[seg["role"].astype(str) == "body"]
    expected = {
        str(doc): "\n\n".join(g["text"].fillna("").astype(str))
        for doc, g in body.groupby(body["doc_id"].astype(str), sort=False)
    }
    got = _articles(seg)
    assert got == expected and list(got) == list(expected)
    some = set(list(expected)[:2])
    assert _articles(seg, docs=some) == {d: t for d, t in expected.items() if d in some}

"""Segmentation: per-seed expectations, other layouts, and the tiling invariant."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpuslib.corpus.segment import quoted_share, segment_text
from corpuslib.errors import LexiconError, ManifestError
from corpuslib.lexicons import load_rules, parse_rules

RULES = load_rules()


def assert_tiles(text, units):
    """Spans ordered, disjoint, and every non-whitespace character in exactly one."""
    covered = [0] * len(text)
    last_end = 0
    for u in units:
        assert 0 <= u.start < u.end <= len(text), u
        assert u.start >= last_end, "spans overlap or are out of order"
        last_end = u.end
        for i in range(u.start, u.end):
            covered[i] += 1
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert covered[i] == 1, f"char {i} {ch!r} covered {covered[i]} times"


def by_doc(segs, prefix):
    return segs[segs.doc_id.str.startswith(prefix)].sort_values("seq")


# --------------------------------------------------------------------------- seeds

def test_seed_titles(seed_segments):
    titles = seed_segments[seed_segments.role == "title"].set_index("doc_id").text.to_dict()
    assert titles == {
        "000_f3a5e988c5b38aa5": "US Forces Headed Back to Iraq?",
        "002_caf795c3bb6e4b4d": "No, the US is not leaving Iraq. At least, not yet",
        "003_02c660931d4fc233": "U.S. Sending Troops to Defend the Embassy in Baghdad",
        "004_eea85f3324e328e6": "The US and Iran, in Iraq",
    }


def test_seed_comment_counts_and_names(seed_segments):
    comments = seed_segments[seed_segments.role == "comment"]
    counts = comments.groupby("doc_id").size().to_dict()
    # 004's header says "8 thoughts" but six comments are on the page: count what is there.
    assert counts == {"000_f3a5e988c5b38aa5": 5, "001_29d5292359f1c05b": 12, "004_eea85f3324e328e6": 6}
    names = by_doc(comments, "000").commenter.tolist()
    assert names == ["dearieme", "Tom Holsinger", "Luke Lea", "John P. BonneCarrere, Jr.", "Thomas JJ"]
    assert by_doc(comments, "001").commenter.isna().all()
    for doc in ("000", "001", "004"):
        assert by_doc(comments, doc).comment_id.tolist() == list(range(1, counts[by_doc(comments, doc).doc_id.iloc[0]] + 1))


@pytest.mark.parametrize(
    ("doc", "first", "last"),
    [
        ("000", "According to Defense Secretary Panetta’s top policy aide", "preparing an indefinite extension of its military presence."),
        ("001", "Pentagon officials, who declined to be named", "Iran consequently as the “enemy.”"),
        ("002", "The Iraqi Parliament voted to pass a resolution", "the U.S. is there to stay."),
        ("003", "The possibility of an alliance between Iran and the United States", "Washington was \"open for discussions.\""),
        ("004", "One week ago today we were sitting in the lobby", "(This post has been cross-posted to the Nation’s blog, The Notion.)"),
    ],
)
def test_first_and_last_body_sentence(seed_segments, doc, first, last):
    body = by_doc(seed_segments, doc)
    body = body[body.role == "body"]
    assert body.text.iloc[0].startswith(first)
    assert body.text.iloc[-1].endswith(last)


BOILERPLATE = [
    "mead cohen berger", "Features Icon", "show comments", "© The American Interest",
    "Related Content", "Original Post", "8 thoughts on", "Comments are closed",
]


@pytest.mark.parametrize("phrase", BOILERPLATE)
def test_boilerplate_never_in_body_or_comments(seed_segments, phrase):
    content = seed_segments[seed_segments.role.isin(["body", "comment", "title"])]
    assert not content.text.str.contains(phrase, regex=False).any()
    assert seed_segments[seed_segments.role == "boilerplate"].text.str.contains(phrase, regex=False).any()


def test_live_blog_update_header_is_boilerplate(seed_segments):
    b = by_doc(seed_segments, "003")
    assert b[b.text == "Update"].role.tolist() == ["boilerplate"]


def test_arabic_comment_language(seed_segments):
    c = by_doc(seed_segments, "004")
    c = c[c.role == "comment"].set_index("comment_id")
    assert c.loc[6, "lang"] == "ar"
    assert c.loc[4, "lang"] == "en"  # English comment with one Arabic line
    assert "ثلاثة أخطاء إيرانية في العراق" in c.loc[4, "text"]


def test_short_english_comments_are_english(seed_segments):
    c = seed_segments[seed_segments.role == "comment"]
    assert (c[c.text.str.len() < 80].lang == "en").all()
    assert (seed_segments[seed_segments.doc_id != "004_eea85f3324e328e6"].lang == "en").all()


def test_quotation_flags(seed_segments):
    q = seed_segments[seed_segments.quoted]
    assert set(q.role) == {"body"}
    texts = q.text.tolist()
    assert any(t.startswith("“The secretary believes") for t in texts)  # 000 AP quote
    assert any(t.startswith("“Sir, in due deference") for t in texts)  # 002 letter
    tweets = q[q.rule == "embedded_tweet"]
    assert len(tweets) == 2 and tweets.text.str.contains(r"\(@WSJ\)|\(@DonovanSlack\)").all()
    interview = by_doc(q, "004")
    assert len(interview) == 3 and interview.text.iloc[0].startswith("Well, the US and Iran agree")
    body = seed_segments[(seed_segments.role == "body") & ~seed_segments.quoted]
    assert body.text.str.startswith("He conjectured").any()
    assert body.text.str.startswith("U.S. officials have said").any()  # reported speech stays the author's


def test_seeds_tile_and_text_is_clean(seed_segments, seed_raw):
    for doc_id, g in seed_segments.groupby("doc_id"):
        raw = seed_raw[doc_id]
        class U:  # adapter for assert_tiles
            def __init__(self, r):
                self.start, self.end = r.start, r.end
        assert_tiles(raw, [U(r) for r in g.sort_values("seq").itertuples()])
        for r in g.itertuples():
            assert r.text == r.text.strip() and "  " not in r.text
            assert "\r" not in r.text
    wrapped = by_doc(seed_segments, "004")
    assert wrapped.text.str.contains("in and over Iraq with Iraq’s much weightier eastern neighbor, Iran.").any()


# --------------------------------------------------------------------------- other layouts

def layout_units(name, **kw):
    from pathlib import Path

    from corpuslib.corpus.decode import decode_bytes

    text = decode_bytes((Path(__file__).parents[1] / "data/layouts/raw" / name).read_bytes()).text
    units = segment_text(text, rules=RULES, **kw)
    assert_tiles(text, units)
    return units


def test_wordpress_layout():
    units = layout_units("wordpress.txt", title="Iraq Votes on Foreign Troops")
    comments = [u for u in units if u.role == "comment"]
    assert [c.commenter for c in comments] == ["Karim Hassan", "Jane Doe", "mike_77"]
    assert comments[1].text == "Not so fast. The vote had no Kurdish or Sunni support.\n\nSecond paragraph of Jane's comment."
    assert comments[2].text == "LOL!!! good luck with that"  # case and "!!!" kept for VADER
    body = [u.text for u in units if u.role == "body"]
    assert len(body) == 2 and not any("Like" in t or "Share" in t for t in body)
    assert not any("January" in c.text for c in comments)  # date line is header, not text
    boiler = {u.text for u in units if u.role == "boilerplate"}
    assert {"Home News Opinion About", "Reply", "Leave a Reply", "Like Loading..."} <= boiler


def test_disqus_layout():
    units = layout_units("disqus.txt", title="Tehran warns Washington over Iraq strikes")
    comments = [u for u in units if u.role == "comment"]
    assert [(c.commenter, c.comment_id) for c in comments] == [("Ahmad R", 1), ("Sarah K", 2), ("Old Guard", 3)]
    body = [u.text for u in units if u.role == "body"]
    assert body == [
        "Iran's foreign ministry said on Monday that American strikes in Iraq violated the country's sovereignty.",
        "Officials in Baghdad called for calm.",
    ]
    boiler = [u.text for u in units if u.role == "boilerplate"]
    assert "Reply • Share ›" in boiler and "Sort by Best" in boiler and "By Staff Writer" in boiler


def test_comments_start_anchor_mid_line():
    text = "Article text here. First comment starts here.\nSecond comment."
    units = segment_text(text, rules=RULES, comments_start="First comment")
    assert [(u.role, u.text) for u in units] == [
        ("body", "Article text here."),
        ("comment", "First comment starts here."),
        ("comment", "Second comment."),
    ]
    assert_tiles(text, units)


def test_comments_start_not_found_names_document():
    with pytest.raises(ManifestError, match="page.txt: comments_start 'nope'"):
        segment_text("Some text.", rules=RULES, comments_start="nope", name="page.txt")


def test_numbered_comments_must_be_sequential():
    text = "Title here\n\nBody.\n\n2 thoughts on “Title here”\n\n1. First comment.\n3. Not a new comment.\n\n2. Second comment."
    units = segment_text(text, rules=RULES, title="Title here")
    comments = [u for u in units if u.role == "comment"]
    assert len(comments) == 2 and "3. Not a new comment." in comments[0].text


def _quoted_share_reference(text: str) -> float:
    """Character-by-character definition of the quoted share."""
    first = next((ch for ch in text if ch in "“„«‹”»›\""), None)
    if first is None:
        return 0.0
    inside = first in "”»›"
    quoted = total = 0
    for ch in text:
        if ch in "“„«‹":
            inside = True
        elif ch in "”»›":
            inside = False
        elif ch == '"':
            inside = not inside
        elif not ch.isspace():
            total += 1
            quoted += inside
    return quoted / total if total else 0.0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab .“„«‹”»›"\n\u00a0\u2003')), max_size=80))
def test_quoted_share_matches_character_definition(text):
    assert quoted_share(text)[0] == pytest.approx(_quoted_share_reference(text))


def test_quoted_share():
    share, opens = quoted_share("“All options are on the table,” he said.")
    assert opens and share > 0.6
    assert quoted_share("The filthy,” one read.")[1]  # lost opening mark
    assert not quoted_share("He said “no”.")[1]


def test_rules_are_validated():
    with pytest.raises(LexiconError, match="boilerplate rule 'x': invalid pattern"):
        parse_rules("boilerplate:\n  - name: x\n    pattern: '(unclosed'\n")
    with pytest.raises(LexiconError, match="unknown key"):
        parse_rules("boilerplate:\n  - name: x\n    pattern: 'a'\n    colour: red\n")
    with pytest.raises(LexiconError, match="'xx' is not an ISO 639-1"):
        parse_rules("language:\n  candidates: [en, xx]\n")


def test_user_rule_extends_layout():
    rules = parse_rules("boilerplate:\n  - name: promo\n    pattern: 'BUY OUR BOOK.*'\n")
    units = segment_text("Para one.\n\nBUY OUR BOOK today\n\nPara two.", rules=rules)
    assert [(u.role, u.rule) for u in units] == [("body", None), ("boilerplate", "promo"), ("body", None)]


# --------------------------------------------------------------------------- invariant

LINES = st.sampled_from([
    "", "  ", "Title of a page", "A body paragraph with U.S. and Iran.", "“A quote,” he said.",
    "He said,", "show comments", "  • Some Name", "    A comment body.", "1. numbered comment",
    "2. another", "Jane says:", "January 6, 2020 at 10:14 am", "Reply", "Reply • Share ›",
    "Ann • 6 years ago", "3 Comments", "Comments are closed.", "Related Content", "© 2020 Site",
    "— Name (@handle) June 16, 2014", "ثلاثة أخطاء إيرانية في العراق", "x" * 120, "\t\u00a0", "\u2028",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, max_size=25), st.sampled_from(["\n", "\r\n", "\r", "\n\n"]))
def test_tiling_on_layout_like_pages(lines, newline):
    text = newline.join(lines)
    assert_tiles(text, segment_text(text, rules=RULES))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.booleans())
def test_tiling_on_arbitrary_text(text, with_title):
    title = text.strip().split("\n")[0][:50] if with_title and text.strip() else None
    assert_tiles(text, segment_text(text, rules=RULES, title=title))


def test_wordpress_says_needs_colon_and_lists_stay_in_comment():
    units = layout_units("wordpress_list.txt", title="Iran and Iraq sign new border agreement")
    comments = [u for u in units if u.role == "comment"]
    assert [c.commenter for c in comments] == ["Ahmed Karimi", "Sarah O'Neil"]
    assert comments[1].text.endswith("That is exactly what Pompeo says")
    body = [u.text for u in units if u.role == "body"]
    assert any(t.startswith("Analysts said the agreement") for t in body)  # "Discussion" did not open comments


def test_disqus_votes_edited_and_avatar_are_chrome():
    units = layout_units("disqus_votes.txt", title="Pentagon weighs troop cut in Iraq")
    comments = [(u.commenter, u.text) for u in units if u.role == "comment"]
    assert comments == [
        ("PatriotDan", "Bring them home. We have spent enough in Iraq."),
        ("Layla_B", "Iraqis want both Iran and the US out."),
        ("Guest", "V"),
    ]
    boiler = {u.text for u in units if u.role == "boilerplate"}
    assert {"13 △ ▽", "• Reply •", "Share ›", "Avatar", "Recommend 3"} <= boiler


def test_subheading_discussion_does_not_open_comments():
    units = layout_units("subheading.txt", title="Iraq and Iran talk trade")
    assert [u.role for u in units] == ["title", "body", "body", "body", "body"]

"""Language tags: offline, deterministic, short units follow their page."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpuslib.corpus.language as lang
from corpuslib.corpus.language import (
    _LETTER,
    _WORD,
    MIN_VOTE_WORDS,
    UNDETERMINED,
    VOTE_MARGIN,
    VOTE_SHARE,
    _function_word_index,
    _letters_and_script,
    _majority_script,
    _vote,
    detect_languages,
    guess_language,
    script_of,
)

CANDIDATES = ("en", "ar", "fa", "fr", "de", "es")
ENGLISH = "The US has struggled with this risk of losing Iraq for years, since Iran is a much more natural ally for them."
FRENCH = "Les discussions entre Téhéran et Washington ont repris cette semaine, selon les responsables du ministère qui ont dit que la réunion était utile."
ARABIC = "وقال المصدر لصحيفة الشرق الأوسط اللندنية الأربعاء انه من غير الواضح بعد الأسباب وراء اختفاء العسكري"


def test_page_languages():
    units = [ENGLISH, "Such a f*ck!!", "escott,", ARABIC, "2007 -- 15", FRENCH, ENGLISH]
    assert detect_languages(units, candidates=CANDIDATES) == [
        "en",
        "en",
        "en",
        "ar",
        UNDETERMINED,
        "fr",
        "en",
    ]


def test_short_unit_in_other_script_keeps_its_own_language():
    assert detect_languages([ENGLISH, "ثلاثة أخطاء إيرانية في العراق"], candidates=CANDIDATES) == [
        "en",
        "ar",
    ]


_DETECT = """
import json, sys
from corpuslib.corpus.language import detect_languages
args = json.load(sys.stdin)
print(json.dumps(detect_languages(args["units"], candidates=args["candidates"])))
"""


def test_deterministic_across_hash_seeds():
    # str hashes (and so set iteration order) change with PYTHONHASHSEED: run the
    # detector in fresh interpreters with different seeds and compare the tags.
    units = [ENGLISH, FRENCH, "Reply", ARABIC, "Such a f*ck!!", "escott,", "2007 -- 15", "Oui."]
    payload = json.dumps({"units": units, "candidates": list(CANDIDATES)})
    outputs = []
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-c", _DETECT],
            input=payload,
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=120,
        )
        outputs.append(json.loads(proc.stdout))
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0] == detect_languages(units, candidates=CANDIDATES)
    assert outputs[0] == ["en", "fr", "fr", "ar", "fr", "fr", UNDETERMINED, "fr"]


def test_function_word_vote_and_detector_agree():
    for text, code in ((ENGLISH, "en"), (FRENCH, "fr"), (ARABIC, "ar")):
        assert _vote(text, CANDIDATES) in (code, None)
        assert guess_language(text, candidates=CANDIDATES)[0] == code
    assert _vote("Iran Iraq", CANDIDATES) is None  # too short to vote


def test_script_of():
    assert (
        script_of("Shi’ite") == "LATIN"
        and script_of("ثلاثة") == "ARABIC"
        and script_of("123") is None
    )


# The ASCII fast paths must give what the Unicode regex path gives, for any text.
_MIXED = st.lists(
    st.sampled_from(
        # \U00031350: a CJK Extension H letter, newer than some Python's own tables
        list("aZ é’“”—-.,;: \n\tİßΣσﬁ²ءاب日本\U00031350") + ["the ", "and ", "of ", "و "]
    ),
    max_size=120,
).map("".join)
# All letters ASCII, long enough for the vote: the fast path of _vote.
_ASCII_VOTE = st.lists(
    st.sampled_from(["The", "and", "OF", "Iraq", "troops", "le", "der", "y", "’", "—", "“", ",", "."]),
    min_size=2 * MIN_VOTE_WORDS,
    max_size=80,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_MIXED)
def test_letter_count_and_script_match_unicode_reference(text):
    letters = _LETTER.findall(text)
    assert _letters_and_script(text) == (len(letters), _majority_script(letters))


@settings(max_examples=300, deadline=None)
@given(st.one_of(_MIXED, _ASCII_VOTE))
def test_vote_matches_unicode_reference(text):
    candidates = ("en", "ar", "fr", "de")
    index = _function_word_index(candidates)
    words = _WORD.findall(text)
    hits: Counter[str] = Counter()
    for w in words:
        hits.update(index.get(w.casefold(), ()))
    expected = None
    if len(words) >= MIN_VOTE_WORDS and hits:
        (code, best), *rest = hits.most_common(2) + [("", 0)]
        n = len(words)
        if best / n >= VOTE_SHARE and (best - rest[0][1]) / n >= VOTE_MARGIN:
            expected = code
    assert _vote(text, candidates) == expected


def test_ascii_letters_take_the_fast_path(monkeypatch):
    """Curly quotes and dashes keep a unit on the ASCII path; a non-ASCII letter does not."""

    class NoUnicodePath:
        def findall(self, text):
            raise AssertionError("Unicode path used")

    text = "The troops of Iraq — “and the US” — said that it is over and done with now"
    expected = _vote(text, ("en", "fr"))
    monkeypatch.setattr(lang, "_WORD", NoUnicodePath())
    monkeypatch.setattr(lang, "_LETTER", NoUnicodePath())
    assert expected == "en" and _vote(text, ("en", "fr")) == expected
    assert _letters_and_script(text) == (sum(ch.isalpha() for ch in text), "LATIN")
    with pytest.raises(AssertionError, match="Unicode path"):
        _vote(text + " café", ("en", "fr"))

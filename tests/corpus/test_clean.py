import pytest

from corpuslib.corpus.clean import (
    clean_text,
    collapse_whitespace,
    make_pipeline,
    normalize_spaces,
    normalize_unicode,
    reflow,
    remove_zero_width,
    strip_list_marker,
)

# (step, text_in, text_out) pairs taken from scraping artefacts in the corpus.
CASES = [
    (reflow, "analyst Joost Hiltermann about the interactions that US power now has\nin and over Iraq", "analyst Joost Hiltermann about the interactions that US power now has in and over Iraq"),
    (reflow, "the Bush\r\nadministration at this point\r\nare clear", "the Bush administration at this point are clear"),
    (reflow, "long-\nsuffering Iraq", "long-suffering Iraq"),
    (reflow, "al-\nQaeda", "al-Qaeda"),
    (reflow, "Iraq –\nand Iran", "Iraq – and Iran"),
    (collapse_whitespace, "Iran.  (Hiltermann has", "Iran. (Hiltermann has"),
    (normalize_spaces, "U.S.\u00a0Embassy\tin Baghdad", "U.S. Embassy in Baghdad"),
    (remove_zero_width, "Shi\u200b\u2019ite", "Shi\u2019ite"),
    # ZWNJ/ZWJ are spelling (Persian "mi-guyad" keeps its non-joiner), never stripped
    (remove_zero_width, "\u0645\u06cc\u200c\u06af\u0648\u06cc\u062f", "\u0645\u06cc\u200c\u06af\u0648\u06cc\u062f"),
    (clean_text, "\u0645\u06cc\u200c\u06af\u0648\u06cc\u062f", "\u0645\u06cc\u200c\u06af\u0648\u06cc\u062f"),
    (remove_zero_width, "\U0001F469\u200d\U0001F4BB", "\U0001F469\u200d\U0001F4BB"),
    (normalize_unicode, "Teheran\u0301", "Teheran\u0301".replace("n\u0301", "\u0144")),
    (strip_list_marker, "  • Tom Holsinger", "Tom Holsinger"),
    (strip_list_marker, "8. thoughts", "thoughts"),
    (strip_list_marker, "1979 was the year", "1979 was the year"),
]


@pytest.mark.parametrize(("step", "text_in", "text_out"), CASES)
def test_step(step, text_in, text_out):
    assert step(text_in) == text_out


def test_pipeline_composes_left_to_right():
    assert make_pipeline([str.strip, str.title])("  iran ") == "Iran"


def test_clean_text_full():
    raw = "  He conjectured that the main reason Iran wants the US troops to stay in\nIraq is\u00a0because  they are deployed there.  "
    assert clean_text(raw) == "He conjectured that the main reason Iran wants the US troops to stay in Iraq is because they are deployed there."

"""corpuslib.escape: each format's escaping, checked against its plain definition."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpuslib.escape import _LATEX_SPECIALS, escape_latex


@given(st.text(alphabet=st.sampled_from([*_LATEX_SPECIALS, "a", "é", " ", "\u2028"]) | st.characters()))
def test_escape_latex_replaces_each_special_character_as_the_table_says(text):
    assert escape_latex(text) == "".join(_LATEX_SPECIALS.get(ch, ch) for ch in text)


def test_escape_latex_takes_any_object():
    assert escape_latex(3.5) == "3.5"
    assert escape_latex("50% & $5_x") == r"50\% \& \$5\_x"

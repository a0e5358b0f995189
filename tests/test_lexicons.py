"""Every YAML file users edit refuses a key written twice."""

from __future__ import annotations

import pytest

from corpuslib.errors import LexiconError, RunConfigError
from corpuslib.lexicons import load_aliases, load_frames, parse_rules, parse_yaml


def test_duplicate_key_names_both_lines():
    with pytest.raises(LexiconError, match=r"x.yml: duplicate key 'b' on line 3 \(first on line 2\)"):
        parse_yaml("a:\n  b: 1\n  b: 2\n", source="x.yml")
    with pytest.raises(RunConfigError, match="runs.yml: not valid YAML"):
        parse_yaml("a: [1,\n", source="runs.yml", error=RunConfigError)


def test_frames_layout_and_aliases_refuse_duplicates(tmp_path):
    frames = tmp_path / "frames.yml"
    frames.write_text("frames:\n  diplomacy:\n    words: [talks]\n  diplomacy:\n    words: [deal]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="duplicate key 'diplomacy'"):
        load_frames(frames)
    with pytest.raises(LexiconError, match="duplicate key 'head_lines'"):
        parse_rules("head_lines: 3\nhead_lines: 4\n", source="layout.yml")
    aliases = tmp_path / "aliases.yml"
    aliases.write_text("a: 1\na: 2\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="duplicate key 'a'"):
        load_aliases(aliases)


# --- one combined pass over a tuple of rules (first_match) -----------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from corpuslib.lexicons import first_match, load_rules, matches_any  # noqa: E402

_BUNDLED = load_rules()
_RULE_SETS = (
    _BUNDLED.boilerplate, _BUNDLED.boilerplate_anywhere, _BUNDLED.chrome,
    _BUNDLED.section_start, _BUNDLED.section_end, _BUNDLED.widgets, _BUNDLED.headers,
)
_LINE_PIECES = st.sampled_from(
    ["Comments", "12", "Reply", "Share", "Ann Lee", "said:", "hours ago", "©", "2020", "Log in",
     "Subscribe", "  ", "Leave a comment", "|", "Follow us", "Posted by", "#3", "The vote failed.",
     "Advertisement", "Related", "ی", "ZWJ\u200d", "Tags:", "•", "on", "at", "March 4, 2021"]
)


def _first_by_rule(rules, line):
    return next(((r, r.match(line)) for r in rules if r.match(line)), None)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(range(len(_RULE_SETS))),
       st.lists(_LINE_PIECES, max_size=5).map(" ".join) | st.text(max_size=40))
def test_first_match_is_the_first_rule_that_matches(k, line):
    rules = _RULE_SETS[k]
    got, want = first_match(rules, line), _first_by_rule(rules, line)
    assert (got and (got[0], got[1].span(), got[1].groupdict())) == (
        want and (want[0], want[1].span(), want[1].groupdict()))
    assert matches_any(rules, line) or want is None


def test_every_line_of_the_bundled_rules_is_screened_by_one_pattern():
    from corpuslib.lexicons import _screen

    assert all(_screen(rules) is not None for rules in _RULE_SETS if len(rules) > 1)


def test_rules_that_refer_to_groups_or_use_verbose_mode_are_matched_one_by_one():
    from corpuslib.lexicons import _screen

    rules = parse_rules(
        "boilerplate:\n"
        "  - {name: twice, pattern: '(ab)\\1'}\n"
        "  - {name: verbose, pattern: '(?x) a b  # letters'}\n"
        "  - {name: plain, pattern: 'menu'}\n"
    ).boilerplate
    assert _screen(rules) is None
    assert first_match(rules, "abab")[0].name == "twice"
    assert first_match(rules, "ab")[0].name == "verbose"
    assert first_match(rules, " Menu ")[0].name == "plain"
    assert first_match(rules, "other") is None


def test_case_sensitive_and_insensitive_rules_keep_their_case_in_the_screen():
    rules = parse_rules(
        "boilerplate:\n"
        "  - {name: exact, pattern: 'US', case: true}\n"
        "  - {name: any, pattern: 'menu'}\n"
    ).boilerplate
    assert first_match(rules, "us") is None
    assert first_match(rules, "US")[0].name == "exact"
    assert first_match(rules, "MENU")[0].name == "any"


# --- sites: layout rules written for one site apply to its pages only -------------------

import pandas as pd  # noqa: E402

from corpuslib import paths  # noqa: E402
from corpuslib.lexicons import site_matches  # noqa: E402

SCOPED = """
boilerplate:
  - name: their_footer
    sites: [The Daily Example, example.org]
    pattern: 'more from us'
  - name: everywhere
    pattern: 'advert'
  - name: only_other
    sites: [other.net]
    pattern: 'other footer'
"""


@pytest.mark.parametrize(
    ("outlet", "url", "names"),
    [
        ("The Daily Example", None, ["their_footer", "everywhere"]),
        ("the  daily example", None, ["their_footer", "everywhere"]),
        (None, "https://www.example.org/2020/01/x", ["their_footer", "everywhere"]),
        (None, "https://news.example.org/x", ["their_footer", "everywhere"]),
        ("Someone Else", "https://notexample.org/x", ["everywhere"]),
        ("Someone Else", "https://blog.other.net/x", ["everywhere", "only_other"]),
        (None, None, ["everywhere"]),
    ],
)
def test_rules_apply_only_to_the_sites_they_name(outlet, url, names):
    rules = parse_rules(SCOPED, source="layout.yml")
    assert [r.name for r in rules.boilerplate] == ["their_footer", "everywhere", "only_other"]
    assert [r.name for r in rules.for_site(outlet, url).boilerplate] == names


def test_a_misspelt_key_names_the_rule():
    text = "boilerplate:\n  - name: footer\n    site: [Ann's Blog]\n    pattern: 'x'\n"
    with pytest.raises(LexiconError, match=r"boilerplate rule 'footer': unknown key\(s\) \['site'\]"):
        parse_rules(text, source="layout.yml")


def test_rules_without_sites_apply_everywhere():
    rules = parse_rules("boilerplate:\n  - name: a\n    pattern: 'x'\n", source="f.yml")
    assert rules.for_site("Any Outlet", "https://any.where/") is rules


def test_site_matches_a_host_or_its_subdomains_not_a_longer_name():
    assert site_matches("antiwar.com", url="https://news.antiwar.com/2015/x")
    assert not site_matches("war.com", url="https://news.antiwar.com/2015/x")
    assert not site_matches("antiwar.com", outlet="Antiwar", url="not a url")


@pytest.mark.parametrize("entry", ["www.example.com", "https://www.example.com/world/x", "EXAMPLE.com"])
@pytest.mark.parametrize("url", ["https://www.example.com/a", "http://example.com/b", "https://news.example.com/c"])
def test_a_host_copied_with_www_or_from_a_url_matches_like_the_bare_host(entry, url):
    assert site_matches(entry, url=url)
    assert not site_matches(entry, url="https://example.org/a") and not site_matches(entry, outlet="Example")


@pytest.mark.parametrize("value", ["[]", "[1, 2]", "'some site'", "['  ']"])
def test_bad_sites_are_refused_with_the_rule_named(value):
    text = f"boilerplate:\n  - name: footer\n    sites: {value}\n    pattern: 'x'\n"
    with pytest.raises(LexiconError, match="rule .footer.: sites must be a non-empty list"):
        parse_rules(text, source="layout.yml")


def test_the_bundled_pages_own_rules_apply_to_their_sites_only():
    rules = load_rules()
    outlets = set(pd.read_csv(paths.PROJECT_ROOT / "data" / "manifest.csv")["outlet"])
    scoped = [r for r in rules.boilerplate + rules.section_start + rules.headers if r.sites]
    assert {"nav_word_list", "related_links", "live_blog_header"} <= {r.name for r in scoped}
    assert all(set(r.sites) <= outlets for r in scoped)
    elsewhere = rules.for_site("A New Outlet", "https://new.example/x")
    assert not {r.name for r in scoped} & {r.name for r in elsewhere.boilerplate + elsewhere.headers}
    assert "wordpress_says" in {r.name for r in elsewhere.headers}  # general layouts stay


import time  # noqa: E402

import regex  # noqa: E402

from corpuslib import lexicons  # noqa: E402
from corpuslib.errors import RuleTimeoutError  # noqa: E402


def test_only_time_spent_matching_counts_against_a_pages_rule_budget():
    # The build wraps the whole page in the limit; the segmenter's own work and a busy
    # machine (here: a sleep and a busy loop outside any match) must not use it up, or
    # a page would be skipped on a loaded machine and built on an idle one.
    pattern = lexicons.TimedPattern(regex.compile(r"Iran\b"), "layout.yml: test")
    with lexicons.rule_time_limit(0.05):
        time.sleep(0.1)
        until = time.thread_time() + 0.1
        while time.thread_time() < until:
            pass
        assert pattern.search("Iran and Iraq") is not None
        assert 0 < lexicons._budget() <= 0.05  # the match itself was charged
    with lexicons.rule_time_limit(0.0), pytest.raises(RuleTimeoutError, match="ran out"):
        pattern.search("Iran and Iraq")

"""Tests for corpuslib.sentiment: VADER behaviours, routing of voices, aggregation, figures."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import corpuslib.analysis.sentiment as sentiment
from corpuslib.analysis.sentiment import (
    SCORE_COLUMNS,
    _vader,
    compare_voices,
    describe_comparison,
    extreme_units,
    instrument_agreement,
    score_segments,
    sentiment_scores,
)
from corpuslib.errors import CorpuslibError, SentimentError
from corpuslib.plots.sentiment import plot_agreement, plot_forest, plot_score_distributions

DATA = Path(__file__).parents[1] / "data" / "sentiment"


def vader_raw(text: str) -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer().polarity_scores(text)


def compound(text: str, **kwargs) -> float:
    return float(sentiment_scores([text], **kwargs)["compound"].iloc[0])


@pytest.fixture
def segments() -> pd.DataFrame:
    return pd.read_csv(
        DATA / "segments.csv",
        dtype={"comment_id": "Int64", "commenter": "string"},
        keep_default_na=False,
        na_values={"comment_id": [""], "commenter": [""]},
    )


# ----------------------------------------------------------------------------- VADER behaviours


def test_caps_and_exclamation_raise_intensity() -> None:
    plain = compound("The plan was good.")
    caps = compound("The plan was GOOD.")
    bang = compound("The plan was GOOD!!!")
    assert 0 < plain < caps < bang


def test_negation_flips_to_negative() -> None:
    assert compound("The plan was not good.") < 0


def test_but_weights_the_clause_after_it() -> None:
    assert compound("The plan was good but the outcome was terrible.") < 0
    assert compound("The plan was terrible but the outcome was good.") > 0


def test_emoticon_is_read() -> None:
    assert compound("The troops are coming home :)") > compound("The troops are coming home")


@pytest.mark.parametrize(
    "text",
    [
        "The plan was GOOD!!!",
        "Kerry is NOT happy about Iraq :(",
        "It's great, but the U.S. embassy is in danger.",
    ],
)
def test_single_sentence_is_exactly_vader_on_raw_text(text: str) -> None:
    row = sentiment_scores([text]).iloc[0]
    raw = vader_raw(text)
    for key in ("compound", "pos", "neu", "neg"):
        assert row[key] == raw[key]
    assert row["n_sentences"] == 1


def test_vader_receives_text_as_written(monkeypatch) -> None:
    seen: list[str] = []
    real = _vader()

    class Spy:
        def polarity_scores(self, text: str) -> dict[str, float]:
            seen.append(text)
            return real.polarity_scores(text)

    monkeypatch.setattr(sentiment, "_vader", lambda override=(): Spy())
    texts = [
        "WOW, the U.S. did NOT expect this!!! :-(",
        "Mr. Kerry met Gen. Milley. It went BADLY.",
    ]
    sentiment_scores(texts)
    assert seen[0] == texts[0]  # one sentence: scored whole, never lowercased
    assert seen[1:] == ["Mr. Kerry met Gen. Milley.", "It went BADLY."]
    assert all(s in "".join(texts) for s in seen)  # substrings: nothing re-joined or cased


# Words on which VADER's rules turn: boosters, negations, "no", "but", "kind of",
# "least", idioms, caps, emphasis, emoticons and emoji.
_VADER_PIECES = [
    "good", "GOOD", "bad", "Bad", "great", "terrible", "awful", "happy", "love", "hate",
    "very", "VERY", "extremely", "kind", "of", "sort", "kinda", "not", "isn't", "never",
    "no", "No", "nor", "or", "so", "this", "without", "doubt", "least", "at", "but", "BUT",
    "the", "shit", "bomb", "bad", "ass", "yeah", "right", "cut", "mustard", "lol", "sux",
    ":)", ":(", ":-(", ":D", "!", "!!!", "?", "??", "???", "...", ",", "\U0001f601",
    "\U0001f498", "Iraq", "U.S.", "Kerry", "attack", "hopeful", "disgrace",
]


@given(st.lists(st.sampled_from(_VADER_PIECES) | st.text(max_size=6), max_size=30))
@settings(max_examples=400, deadline=None)
def test_vader_scores_are_vaders_to_the_bit(words: list[str]) -> None:
    """The analyzer runs VADER's rules without VADER's repeated work: same scores."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    text = " ".join(words)
    got = _vader().polarity_scores(text)
    want = SentimentIntensityAnalyzer().polarity_scores(text)
    assert {k: got[k] for k in want} == want


def test_vader_emoji_pass_shortcut_keeps_scores() -> None:
    """Texts without emoji skip VADER's per-character copy: the same scores with and
    without emoji, with keys of several characters, and for non-ASCII text."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    plain = SentimentIntensityAnalyzer()
    multi = next(k for k in plain.emojis if len(k) > 1)
    texts = [
        "Good day!", "caf\u00e9 was NOT good", " spaced  out ", "I love it \U0001f601 so much",
        "bad\U0001f498news", multi, f"so {multi} nice", "\u2764\ufe0f", "", "   ",
        "Never so happy, but the war is terrible and the peace is not good at all!!",
    ]  # fmt: skip
    for text in texts:
        got = _vader().polarity_scores(text)
        assert {k: got[k] for k in ("neg", "neu", "pos", "compound")} == plain.polarity_scores(text)


def test_vader_scores_bundled_sentences_to_the_bit() -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from corpuslib.analysis.tokens import split_sentences

    plain = SentimentIntensityAnalyzer()
    texts = pd.read_csv(DATA / "segments.csv", keep_default_na=False)["text"].tolist()
    sentences = [s for t in texts for s in split_sentences(t)] + texts
    assert len(sentences) > 50
    for s in sentences:
        got = _vader().polarity_scores(s)
        assert {k: got[k] for k in ("neg", "neu", "pos", "compound")} == plain.polarity_scores(s)


# ----------------------------------------------------------------------------- aggregation


def test_long_unit_is_length_weighted_mean_of_sentences() -> None:
    s1 = "The U.S. forces did a truly wonderful and excellent job in Baghdad."
    s2 = "Awful."
    row = sentiment_scores([f"{s1} {s2}"], aggregate="sentence_mean").iloc[0]
    w1, w2 = len(s1.split()), len(s2.split())
    c1, c2 = vader_raw(s1)["compound"], vader_raw(s2)["compound"]
    assert row["n_sentences"] == 2
    assert row["compound"] == pytest.approx((w1 * c1 + w2 * c2) / (w1 + w2))
    assert row["pos"] + row["neu"] + row["neg"] == pytest.approx(1.0, abs=0.01)


def test_punctuation_only_fragment_rejoins_its_sentence() -> None:
    # Punkt may split "GOOD!!!" into "GOOD!!" + "!": the emphasis must stay.
    text = "The plan was GOOD!!!"
    row = sentiment_scores([text], splitter=lambda t: ["The plan was GOOD!!", "!"]).iloc[0]
    assert row["n_sentences"] == 1
    assert row["compound"] == vader_raw(text)["compound"]
    two = "Bad move!!! :( Good luck."
    row = sentiment_scores([two], splitter=lambda t: ["Bad move!!!", ":(", "Good luck."]).iloc[0]
    assert row["n_sentences"] == 2


def test_unit_sentence_scores_whole_text() -> None:
    text = "Good news. Terrible news."
    row = sentiment_scores([text], unit="sentence").iloc[0]
    assert row["compound"] == vader_raw(text)["compound"]
    assert row["n_sentences"] == 1


def test_mid_sentence_us_does_not_split() -> None:
    row = sentiment_scores(["Mr. Kerry met Gen. Milley in the U.S. capital."]).iloc[0]
    assert row["n_sentences"] == 1


def test_long_text_does_not_saturate() -> None:
    long = " ".join(["The talks were good and the mood was hopeful."] * 30)
    whole = compound(long, unit="sentence")
    per_sentence = compound(long, aggregate="sentence_mean")
    assert whole > 0.99  # VADER on the whole unit saturates
    assert per_sentence == pytest.approx(compound("The talks were good and the mood was hopeful."))
    assert compound(long) < 0.95  # the default (density) does not saturate either


# ----------------------------------------------------------------------------- density (default)

POSITIVE = (
    "The new clinic is a wonderful addition to the town. The staff were kind, patient and "
    "genuinely helpful, and my daughter loved the bright waiting room."
)
NEGATIVE = (
    "The council's handling of the flood was a disgrace. Families were ignored for weeks, "
    "the promised money never came, and the officials lied about it."
)
NEUTRAL = "The meeting is on Tuesday at the town hall. It starts at seven and ends at nine."


def test_aggregate_vader_valence_is_pure_and_bounded() -> None:
    agg = sentiment.aggregate_vader_valence
    assert agg([], 10) == 0.0 and agg([0.0, 0.0], 10) == 0.0
    assert agg([1.9], 4) == pytest.approx(vader_raw("The food was good.")["compound"], abs=1e-4)
    for valences, words in [([50.0] * 40, 3), ([-50.0] * 40, 3), ([3.0, -1.0], 400)]:
        assert -1.0 <= agg(valences, words) <= 1.0
    # per ref_words: twice the words at the same total halves the valence
    assert agg([4.0], 80) == pytest.approx(agg([2.0], 40)) == pytest.approx(agg([1.0], 20))
    assert agg([1.0], 20) == agg([1.0], 5)  # short units are not scaled up
    with pytest.raises(sentiment.SentimentError, match="ref_words"):
        agg([1.0], 10, ref_words=0)


def test_density_default_sign_range_and_no_saturation() -> None:
    df = sentiment_scores([POSITIVE, NEGATIVE, NEUTRAL], instrument="vader")
    pos, neg, neu = df["compound"].tolist()
    assert pos > 0.3 and neg < -0.3 and neu == 0.0
    repeated = sentiment_scores(
        [" ".join([t] * 8) for t in (POSITIVE, NEGATIVE)], instrument="vader"
    )["compound"].tolist()
    assert all(-1 <= c <= 1 for c in [pos, neg, *repeated])
    # 8 copies: same valence per word, so (nearly) the same score; whole-text VADER saturates
    assert repeated == pytest.approx([pos, neg], abs=0.02)
    assert abs(compound(" ".join([POSITIVE] * 8), unit="sentence")) > 0.99
    # the same unit scored through score_segments-style options keeps the default
    assert compound(POSITIVE) == compound(POSITIVE, aggregate="density")


def test_density_keeps_vader_rules_inside_sentences() -> None:
    # the per-sentence raw valence is VADER's own: caps, "!!!", negation and "but" still count
    plain = compound("The plan was good. We will see.")
    loud = compound("The plan was GOOD!!! We will see.")
    negated = compound("The plan was not good. We will see.")
    but = compound("The plan was good but the outcome was terrible. We will see.")
    assert 0 < plain < loud and negated < 0 and but < 0


def test_density_short_one_sentence_is_exactly_vader() -> None:
    text = "The plan was GOOD!!!"
    assert compound(text) == vader_raw(text)["compound"]
    with pytest.raises(sentiment.SentimentError, match="aggregate"):
        sentiment_scores([text], aggregate="mean")


def test_schema_blank_text_and_index() -> None:
    texts = pd.Series(["", "Fine.", "   "], index=[10, 11, 12])
    df = sentiment_scores(texts)
    assert list(df.columns) == list(SCORE_COLUMNS)
    assert list(df.index) == [10, 11, 12]
    assert df["n_sentences"].tolist() == [0, 1, 0]
    assert math.isnan(df.loc[10, "compound"]) and not math.isnan(df.loc[11, "compound"])


def test_instrument_choice_leaves_other_columns_nan() -> None:
    v = sentiment_scores(["Good."], instrument="vader").iloc[0]
    t = sentiment_scores(["Good."], instrument="textblob").iloc[0]
    assert not math.isnan(v["compound"]) and math.isnan(v["textblob_polarity"])
    assert math.isnan(t["compound"]) and t["textblob_polarity"] == pytest.approx(0.7)


def test_textblob_needs_no_download(monkeypatch) -> None:
    import nltk

    def forbidden(*args, **kwargs):
        raise AssertionError("network download attempted")

    monkeypatch.setattr(nltk, "download", forbidden)
    row = sentiment_scores(["The plan is not good. The outcome is great!"]).iloc[0]
    assert -1 <= row["textblob_polarity"] <= 1
    assert 0 <= row["textblob_subjectivity"] <= 1


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"instrument": "vaders"}, "instrument must be"),
        ({"unit": "paragraph"}, "unit must be"),
        ({"unit": "sentence", "splitter": str.split}, "splitter is only used"),
    ],
)
def test_option_errors_name_parameter(kwargs, fragment) -> None:
    with pytest.raises(CorpuslibError, match=fragment):
        sentiment_scores(["x"], **kwargs)


def test_non_string_text_error_names_position() -> None:
    with pytest.raises(CorpuslibError, match=r"texts\[1\] is float"):
        sentiment_scores(["ok", math.nan])


# ----------------------------------------------------------------------------- voices and routing


def test_voices_and_status(segments: pd.DataFrame) -> None:
    scored = score_segments(segments)
    assert "title" not in set(scored["role"]) and "boilerplate" not in set(scored["role"])
    n_voiced = segments["role"].isin(["body", "comment"]).sum()
    assert len(scored) == n_voiced  # nothing silently dropped
    by_text = scored.set_index("text")
    assert by_text.loc["The President was NOT happy, and said so!!!", "voice"] == "quoted"
    assert by_text.loc["The President was NOT happy, and said so!!!", "status"] == (
        "excluded_quoted"
    )
    arabic = scored[scored["lang"] == "ar"]
    assert (arabic["status"] == "excluded_non_english").all()
    assert arabic["compound"].isna().all()
    assert (scored.loc[scored["role"] == "comment", "voice"] == "commenter").all()
    author = scored[(scored["role"] == "body") & ~scored["quoted"]]
    assert (author["voice"] == "author").all()
    ok = scored["status"] == "scored"
    assert scored.loc[ok, "compound"].notna().all()
    assert scored.loc[~ok, "compound"].isna().all()


def test_und_language_is_excluded_but_kept(segments: pd.DataFrame) -> None:
    scored = score_segments(segments)
    und = scored[scored["lang"] == "und"]
    assert len(und) == 1 and und["status"].item() == "excluded_non_english"
    kept = score_segments(segments, langs=("en", "und"))
    assert kept.loc[kept["lang"] == "und", "status"].item() == "scored"


def test_voices_are_those_of_frequency_add_voice(segments: pd.DataFrame) -> None:
    from corpuslib.corpus.units import add_voice

    scored = score_segments(segments, instrument="vader", voices=["author", "quoted", "commenter"])
    expected = add_voice(segments)["voice"].astype(str)
    expected = expected[expected.isin(["author", "quoted", "commenter"])].tolist()
    assert scored["voice"].tolist() == expected


def test_unknown_role_is_an_error_not_a_silent_drop(segments: pd.DataFrame) -> None:
    bad = segments.assign(role=segments["role"].where(segments.index != 0, "footer"))
    with pytest.raises(SentimentError, match="footer"):
        score_segments(bad, instrument="vader")


def test_include_quoted_scores_quotes_as_separate_voice(segments: pd.DataFrame) -> None:
    scored = score_segments(segments, voices=["author", "quoted", "commenter"])
    quoted = scored[scored["voice"] == "quoted"]
    assert len(quoted) == 2
    assert (quoted["status"] == "scored").all()
    assert quoted["compound"].notna().all()
    assert not (scored.loc[scored["voice"] == "author", "quoted"]).any()


def test_sentence_unit_explodes_scored_segments_only(segments: pd.DataFrame) -> None:
    seg = score_segments(segments)
    sen = score_segments(segments, unit="sentence")
    scored_seg = seg[seg["status"] == "scored"]
    assert (sen["status"] == "scored").sum() == scored_seg["n_sentences"].sum()
    assert (sen["status"] != "scored").sum() == (seg["status"] != "scored").sum()
    assert sen.loc[sen["status"] == "scored", "sentence"].notna().all()
    assert (sen.loc[sen["status"] == "scored", "n_sentences"] == 1).all()


def test_outlets_filter_and_unknown_outlet(segments: pd.DataFrame) -> None:
    scored = score_segments(segments, outlets=["Beta Times"])
    assert set(scored["outlet"]) == {"Beta Times"}
    with pytest.raises(CorpuslibError, match=r"outlets: \['Nowhere'\]"):
        score_segments(segments, outlets=["Nowhere"])


def test_missing_column_is_named(segments: pd.DataFrame) -> None:
    with pytest.raises(CorpuslibError, match="lacks column.*lang"):
        score_segments(segments.drop(columns="lang"))


# ----------------------------------------------------------------------------- comparisons


def test_compare_voices_cells_flags_and_counts(segments: pd.DataFrame) -> None:
    scored = score_segments(segments)
    comp = compare_voices(scored, n_boot=200, n_perm=200, seed=1, min_n=3)
    assert set(comp["measure"]) == {"compound", "textblob_polarity"}
    vader = comp[comp["measure"] == "compound"].set_index("outlet")
    # every outlet appears, the one without comments flagged and not dropped
    assert set(vader.index) == {"Alpha News", "Beta Times", "Gamma Daily", "All"}
    gamma = vader.loc["Gamma Daily"]
    assert gamma["n_commenter"] == 0 and gamma["too_small"]
    assert "no commenter units" in gamma["reason"]
    assert math.isnan(gamma["diff"])
    alpha = vader.loc["Alpha News"]
    assert alpha["excluded_non_english"] == 2 and alpha["excluded_quoted"] == 1
    assert alpha["diff"] == pytest.approx(alpha["mean_author"] - alpha["mean_commenter"])
    assert alpha["ci_low"] <= alpha["diff"] <= alpha["ci_high"]
    assert alpha["ci_method"] == "unit bootstrap"
    pooled = vader.loc["All"]
    assert pooled["scope"] == "pooled"
    assert pooled["ci_method"].startswith("cluster bootstrap by doc_id")
    # pooled over the documents with both voices: Gamma Daily (no comments) is left out
    with_both = vader.loc[["Alpha News", "Beta Times"]]
    assert pooled["n_author"] == with_both["n_author"].sum()
    assert pooled["n_commenter"] == with_both["n_commenter"].sum()
    assert (pooled["n_docs_author"], pooled["n_docs_commenter"]) == (2, 2)
    assert pooled["excluded_non_english"] == with_both["excluded_non_english"].sum()
    assert -1 <= pooled["cliffs_delta"] <= 1 and 0 < pooled["p_perm"] <= 1
    # two documents per voice: the cluster interval is flagged as unreliable
    assert pooled["too_small"]
    assert "2 commenter document(s) < min_clusters = 5" in pooled["reason"]
    relaxed = compare_voices(scored, n_boot=50, n_perm=50, min_n=3, min_clusters=2)
    assert not relaxed.loc[relaxed["scope"] == "pooled", "too_small"].any()


def test_compare_voices_pooled_all_documents(segments: pd.DataFrame) -> None:
    comp = compare_voices(score_segments(segments), n_boot=50, n_perm=50, pooled_docs="all")
    vader = comp[comp["measure"] == "compound"].set_index("outlet")
    per_outlet = vader.drop(index="All")
    assert vader.loc["All", "n_author"] == per_outlet["n_author"].sum()
    assert vader.loc["All", "n_docs_author"] == 3
    assert vader.loc["All", "excluded_quoted"] == per_outlet["excluded_quoted"].sum()
    with pytest.raises(CorpuslibError, match="pooled_docs"):
        compare_voices(score_segments(segments), pooled_docs="some")


def test_compare_voices_is_deterministic(segments: pd.DataFrame) -> None:
    scored = score_segments(segments)
    a = compare_voices(scored, n_boot=100, n_perm=100, seed=3)
    b = compare_voices(scored, n_boot=100, n_perm=100, seed=3)
    pd.testing.assert_frame_equal(a, b)


def test_compare_voices_small_cell_flag(segments: pd.DataFrame) -> None:
    comp = compare_voices(score_segments(segments), n_boot=50, n_perm=50, min_n=5)
    beta = comp[(comp["measure"] == "compound") & (comp["outlet"] == "Beta Times")].iloc[0]
    assert beta["too_small"] and "< min_n = 5" in beta["reason"]
    assert not math.isnan(beta["diff"])  # numbers still given, with the flag


def test_compare_voices_sentence_unit_clusters_by_segment(segments: pd.DataFrame) -> None:
    comp = compare_voices(score_segments(segments, unit="sentence"), n_boot=50, n_perm=50)
    outlet_rows = comp[comp["scope"] != "pooled"]
    methods = set(outlet_rows.loc[outlet_rows["diff"].notna(), "ci_method"])
    assert methods and all(m.startswith("cluster bootstrap by segment") for m in methods)


def test_instrument_agreement(segments: pd.DataFrame) -> None:
    agree = instrument_agreement(score_segments(segments, voices=["author", "quoted", "commenter"]))
    assert list(agree["voice"]) == ["author", "quoted", "commenter", "all"]
    all_row = agree.set_index("voice").loc["all"]
    assert all_row["n"] > 5
    assert all_row["pearson_low"] <= all_row["pearson_r"] <= all_row["pearson_high"]
    assert -1 <= all_row["spearman_rho"] <= 1
    assert agree.set_index("voice").loc["quoted", "n"] == 2  # too few for an interval
    assert math.isnan(agree.set_index("voice").loc["quoted", "pearson_low"])


def test_extreme_units_has_text_and_order(segments: pd.DataFrame) -> None:
    top = extreme_units(score_segments(segments), k=2, max_chars=40)
    assert list(top["end"]) == ["most negative"] * 2 + ["most positive"] * 2
    neg = top[top["end"] == "most negative"]["score"].tolist()
    pos = top[top["end"] == "most positive"]["score"].tolist()
    assert neg == sorted(neg) and pos == sorted(pos, reverse=True)
    assert all(len(t) <= 40 for t in top["text"])


# ----------------------------------------------------------------------------- figures


def test_plots_draw_and_are_deterministic(segments: pd.DataFrame, tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from corpuslib.plots.style import figure_size, save_figure, use_style

    scored = score_segments(segments, voices=["author", "quoted", "commenter"])
    comp = compare_voices(scored, n_boot=50, n_perm=50)
    digests = []
    for run in range(2):
        with use_style():
            fig, axes = plt.subplots(3, 1, figsize=figure_size(2, height=7))
            plot_score_distributions(scored, ax=axes[0])
            plot_forest(comp, ax=axes[1], legend=False)
            plot_agreement(scored, ax=axes[2])
            paths = save_figure(fig, "sentiment-test", tmp_path / str(run), formats=("png", "svg"))
            plt.close(fig)
        digests.append({k: p.read_bytes() for k, p in paths.items()})
    assert digests[0] == digests[1]
    assert axes[0].get_ylabel().startswith("VADER compound")
    assert "Author - commenter" in axes[1].get_xlabel()


def _forest(comp: pd.DataFrame, **kwargs):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    plot_forest(comp, ax=ax, **kwargs)
    plt.close(fig)
    return ax


def test_plot_forest_axis_limits_match_label_and_data(segments: pd.DataFrame) -> None:
    comp = compare_voices(score_segments(segments), n_boot=50, n_perm=50)
    for measure in ("compound", "textblob_polarity"):
        ax = _forest(comp, measure=measure)
        low, high = ax.get_xlim()
        assert low == -high and high in (0.1, 0.25, 0.5, 1.0, 1.5, 2.0)
        rows = comp[comp["measure"] == measure]
        reach = rows[["diff", "ci_low", "ci_high"]].abs().max().max()
        assert reach <= high  # every interval is inside the axis
        label = ax.get_xlabel()
        assert "possible range \u22122 to +2" in label  # a difference of two [-1, 1] means
        if high < 2:
            assert f"axis shows \u00b1{high:g}" in label


def test_plot_forest_legend_explains_markers_and_fills(segments: pd.DataFrame) -> None:
    comp = compare_voices(score_segments(segments), n_boot=50, n_perm=50, min_n=5)
    ax = _forest(comp)
    legend = ax.get_legend()
    assert legend is not None
    texts = [t.get_text() for t in legend.get_texts()]
    # one page per outlet in the fixture: squares; pooled: diamond; Beta Times too small: hollow
    assert any("one page" in t for t in texts)
    assert any("pooled" in t for t in texts)
    assert any("hollow grey" in t for t in texts)
    hollow = [h for h, t in zip(legend.legend_handles, texts, strict=True) if "hollow" in t][0]
    assert hollow.get_markerfacecolor() == "white"
    notes = [t.get_text() for t in ax.texts]
    assert any("one page" in n for n in notes)
    assert _forest(comp, legend=False).get_legend() is None


# ----------------------------------------------------------------------------- page level, p_adj


def test_compare_voices_flags_single_page_cells(segments: pd.DataFrame) -> None:
    scored = score_segments(segments)
    comp = compare_voices(scored, n_boot=50, n_perm=50, min_n=3)
    vader = comp[comp["measure"] == "compound"].set_index("outlet")
    alpha = vader.loc["Alpha News"]
    assert alpha["page_level"] and "one page (a1)" in alpha["page_reason"]
    assert "between-page variation" in alpha["page_reason"]
    assert not vader.loc["Gamma Daily", "page_level"]  # no comparison: nothing to flag
    assert not vader.loc["All", "page_level"]  # two pages per voice
    # one group spanning several pages is not page-level
    several = compare_voices(scored.assign(group="X"), by="group", pooled=False, n_boot=50)
    assert not several["page_level"].any()
    assert (several["n_docs_author"] > 1).all()


def test_compare_voices_adjusts_p_within_each_measure(segments: pd.DataFrame) -> None:
    from corpuslib.analysis.stats import adjust_pvalues

    scored = score_segments(segments)
    comp = compare_voices(scored, n_boot=50, n_perm=200, min_n=3)
    cols = list(comp.columns)
    assert cols.index("p_adj") == cols.index("p_perm") + 1
    for _, rows in comp.groupby("measure"):
        tested = rows["p_perm"].notna()
        assert tested.sum() == 3  # Alpha, Beta, pooled; Gamma has no commenters
        expected = adjust_pvalues(rows["p_perm"].to_numpy(), method="holm")
        np.testing.assert_allclose(rows["p_adj"].to_numpy(), expected)
        assert (rows.loc[tested, "p_adj"] >= rows.loc[tested, "p_perm"]).all()
        assert rows["p_adj"].isna().eq(~tested).all()
        assert set(rows.loc[tested, "p_adj_method"]) == {"Holm, 3 tests"}
    bh = compare_voices(scored, n_boot=50, n_perm=200, min_n=3, adjust="bh")
    assert (bh["p_adj"].fillna(0) <= comp["p_adj"].fillna(0) + 1e-12).all()
    assert bh["p_adj_method"].str.startswith("Benjamini-Hochberg").any()
    with pytest.raises(CorpuslibError, match="adjust"):
        compare_voices(scored, adjust="bonferroni")


def test_describe_comparison_is_written_from_the_table(segments: pd.DataFrame) -> None:
    # the expected wording below was written for the sentence_mean scores of the fixture
    scored = score_segments(segments, aggregate="sentence_mean")
    comp = compare_voices(scored, n_boot=50, n_perm=50, min_n=3)
    text = describe_comparison(comp)
    assert "Page-level cells" in text and "Alpha News and Beta Times" in text
    assert "Gamma Daily" not in text.split("\n\n")[0]  # no comparison, not page-level
    assert "Holm, 3 tests" in text
    for _, r in comp[comp["scope"] == "pooled"].iterrows():
        assert f"{r['instrument']}: {r['diff']:+.2f}" in text
        assert f"[{r['ci_low']:.2f}, {r['ci_high']:.2f}]" in text
        assert f"n = {r['n_author']} author / {r['n_commenter']} commenter" in text
    # with seed 0, only the pooled VADER interval lies wholly below zero; the text names it
    excl = comp[(comp["ci_low"] > 0) | (comp["ci_high"] < 0)]
    assert excl[["scope", "instrument"]].values.tolist() == [["pooled", "VADER compound"]]
    assert (excl["ci_high"] < 0).all()
    r = excl.iloc[0]
    assert (
        f"Intervals that exclude zero: pooled ({r['instrument']}: {r['diff']:+.2f}, 95% CI "
        f"[{r['ci_low']:.2f}, {r['ci_high']:.2f}], n = {r['n_author']} / {r['n_commenter']}, "
        f"p_perm = {r['p_perm']:.3f}, p_adj = {r['p_adj']:.3f}; too small)."
    ) in text
    assert "No interval excludes zero." not in text
    # when every interval straddles zero, the text says so instead
    straddle = comp.assign(ci_low=-1.0, ci_high=1.0)
    straddled = describe_comparison(straddle)
    assert "No interval excludes zero." in straddled
    assert "Intervals that exclude zero" not in straddled
    # a table without single-page cells says so
    scored = score_segments(segments).assign(group="X")
    several = compare_voices(scored, by="group", n_boot=50, n_perm=50)
    assert "No group comparison rests on a single page" in describe_comparison(several)
    with pytest.raises(CorpuslibError, match="compare_voices"):
        describe_comparison(comp.drop(columns="p_adj"))


def test_extreme_units_drops_sentence_column_in_segment_mode(segments: pd.DataFrame) -> None:
    seg = extreme_units(score_segments(segments), k=2)
    assert "sentence" not in seg.columns
    assert not seg.isna().all().any()  # no all-NA column reaches the table
    sent = extreme_units(score_segments(segments, unit="sentence"), k=2)
    assert "sentence" in sent.columns and sent["sentence"].notna().all()


def test_plot_forest_unknown_measure(segments: pd.DataFrame) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    # a VADER-only comparison has no TextBlob rows: asking for them is an error that
    # names the measure, and nothing is drawn
    comp = compare_voices(score_segments(segments, instrument="vader"), n_boot=20, n_perm=20)
    assert set(comp["measure"]) == {"compound"}
    fig, ax = plt.subplots()
    for measure in ("textblob_polarity", "no_such_measure"):
        with pytest.raises(SentimentError, match=f"no rows for '{measure}'"):
            plot_forest(comp, ax=ax, measure=measure)
    assert not ax.has_data() and not ax.lines and not ax.collections
    plt.close(fig)


def test_no_box_plot_for_fewer_than_ten_points() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from corpuslib.plots.sentiment import MIN_BOX_N

    scored = pd.DataFrame({
        "doc_id": ["d"] * 14, "outlet": ["A"] * 14, "status": ["scored"] * 14,
        "voice": ["author"] * 4 + ["commenter"] * 10, "compound": np.linspace(-0.5, 0.5, 14),
    })  # fmt: skip
    ax = plot_score_distributions(scored)
    boxes = [p for p in ax.patches if p.__class__.__name__ == "PathPatch"]
    assert MIN_BOX_N == 10 and len(boxes) == 1  # the commenters' ten points only
    plt.close(ax.figure)


@given(st.text(alphabet=st.sampled_from(list("ab. ?!\n\"')(:;-_1É")), max_size=40))
@settings(max_examples=300, deadline=None)
def test_text_without_a_break_mark_is_one_sentence(text: str) -> None:
    """Texts scored whole without Punkt are the ones Punkt leaves as one sentence."""
    from corpuslib.analysis.sentiment import _MAY_BREAK, _sentences
    from corpuslib.analysis.tokens import split_sentences

    if not _MAY_BREAK.search(text):
        assert len(_sentences(text, split_sentences)) <= 1


def test_plot_agreement_draws_the_same_from_a_given_agreement_table(segments: pd.DataFrame) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    scored = score_segments(segments, voices=["author", "commenter"])
    given = instrument_agreement(scored)
    computed = plot_agreement(scored)
    passed = plot_agreement(scored, agreement=given)
    labels = [[t.get_text() for t in ax.get_legend().get_texts()] for ax in (computed, passed)]
    assert labels[0] == labels[1] and labels[0]
    # the legend is read from the table passed, not recomputed
    other = given.assign(pearson_r=0.5, pearson_low=float("nan"))
    shown = [t.get_text() for t in plot_agreement(scored, agreement=other).get_legend().get_texts()]
    assert all("r = 0.50)" in s for s in shown)
    plt.close("all")

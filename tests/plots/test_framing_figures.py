"""Tests for corpuslib.plots.keywords, .frames and .collocations: what the framing figures draw."""

from __future__ import annotations

import pandas as pd
import pytest

from corpuslib.analysis.collocations import actor_collocates
from corpuslib.analysis.frames import frame_scores
from corpuslib.analysis.keywords import compare_groups
from corpuslib.errors import CorpuslibError
from corpuslib.lexicons import Frame
from corpuslib.plots.style import use_style
from tests.analysis.framing_data import simple_tokenize


def test_plots_draw_the_expected_artists(segments):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from corpuslib.plots.collocations import figure_collocates
    from corpuslib.plots.frames import plot_frame_heatmap
    from corpuslib.plots.keywords import figure_keyness, plot_fightin_words

    groups = {"A": {"iran": 30, "oil": 2, "war": 10}, "B": {"iran": 3, "oil": 20, "war": 10}}
    # Fightin' Words for A: iran favours A, oil favours B (the rest), war is neither
    fw = compare_groups(groups, by="outlet", min_count=1)
    fig, ax = plt.subplots()
    plot_fightin_words(fw[fw["outlet"] == "A"], ax=ax, label_top=2)
    points = {c.get_label(): c.get_offsets().tolist() for c in ax.collections}
    assert set(points) == {"|z| ≤ 1.96", "favours group", "favours rest"}
    assert [p[0] for p in points["favours group"]] == [33.0]  # iran: 30 + 3
    assert [p[0] for p in points["favours rest"]] == [22.0]  # oil: 2 + 20
    assert [p[0] for p in points["|z| ≤ 1.96"]] == [20.0]  # war: 10 + 10
    texts = [t.get_text() for t in ax.texts]
    assert texts[:2] == ["z = +1.96", "z = −1.96"] and sorted(texts[2:]) == ["iran", "oil", "war"]
    assert ax.get_xlabel() == "total count in both groups (log scale)"
    assert ax.get_ylabel() == "z-score of log-odds ratio" and ax.get_xscale() == "log"
    with pytest.raises(CorpuslibError, match="focus group"):
        plot_fightin_words(fw[fw["outlet"] == "Z"], ax=ax)
    # keyness grid: one panel per group (+ a spare legend panel), one bar per keyword
    fig = figure_keyness(compare_groups(groups, by="outlet", statistic="keyness", min_count=1))
    panels = [a for a in fig.axes if a.axison]
    assert [a.get_title() for a in panels] == [
        "A\nn = 42 tokens (stopwords removed)",
        "B\nn = 33 tokens (stopwords removed)",
    ]
    bars = [[t.get_text() for t in a.get_yticklabels()] for a in panels]
    assert bars == [["iran (30)"], ["oil (20)", "war (10)"]]  # term (count in the group)
    assert [len(a.patches) for a in panels] == [1, 2]
    assert {a.get_xlabel() for a in panels} == {"G² vs rest (number: log ratio, log2; label: count in the group; documents)"}
    assert len(fig.axes) == 3 and fig.axes[2].get_legend() is not None
    # frame heatmap: groups × frames cells, each annotated with rate and interval
    frames = {"e": Frame("e", "Economy", "", ("oil",))}
    scores = frame_scores(segments, frames, by="outlet", n_boot=20, tokenizer=simple_tokenize)
    fig, ax = plt.subplots()
    plot_frame_heatmap(scores, ax=ax, by="outlet")
    assert ax.images[0].get_array().shape == (2, 1)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Economy"]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Alpha †\nn = 20 tokens",
        "Beta †\nn = 17 tokens",
    ]
    assert [t.get_text().split("\n")[0] for t in ax.texts] == ["150.0", "58.8"]
    assert fig.axes[-1].get_ylabel() == "hits per 1,000 tokens"  # the colour bar
    # collocate grid: one panel per group, one bar per collocate, target as row label
    colloc = actor_collocates(
        segments, ["Iran"], window=2, min_count=1, min_score=0, top_n=3, tokenizer=simple_tokenize
    )
    fig = figure_collocates(colloc, targets=["Iran"])
    (panel,) = fig.axes
    assert "Iran · Alpha\nn = 5 mentions" in (panel.get_title(), panel.get_title(loc="left"))
    assert [t.get_text() for t in panel.get_yticklabels()] == colloc["term"].tolist()
    assert len(panel.patches) == len(colloc) == 3
    assert fig._supxlabel.get_text().startswith("G² of each word near the actor vs elsewhere")
    plt.close("all")


def test_slugify():
    from corpuslib.plots.style import slugify

    assert slugify("Antiwar.com") == "antiwar-com"
    assert slugify("Just World News (Helena Cobban)") == "just-world-news-helena-cobban"
    assert slugify("  Café Übersee ") == "cafe-ubersee"  # accents folded to ASCII
    assert slugify("!!") == "group" and slugify("") == "group"  # nothing left: a fallback


def _texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts] + [t.get_text() for t in fig.texts]


@pytest.fixture
def mpl():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt



    with use_style():
        yield plt
    plt.close("all")


def test_keyness_bars_are_g2_in_decreasing_order_with_a_legend(mpl):
    from corpuslib.plots.keywords import figure_keyness

    groups = {
        "A": {"iran": 30, "oil": 2, "war": 10, "talks": 6, "deal": 5, "x": 40},
        "B": {"iran": 3, "oil": 20, "war": 10, "talks": 1, "deal": 4, "x": 60},
    }
    key = compare_groups(groups, by="outlet", statistic="keyness", min_count=1)
    fig = figure_keyness(key, top_n=5, columns=3)
    ax = fig.axes[0]
    bars = sorted(ax.patches, key=lambda p: -p.get_y())  # top to bottom
    widths = [p.get_width() for p in bars]
    assert widths == sorted(widths, reverse=True)
    a = key[(key["outlet"] == "A") & (key["g2_signed"] > 0)]
    assert widths == pytest.approx(sorted(a["g2"], reverse=True))
    assert "G²" in ax.get_xlabel() and "log ratio" in ax.get_xlabel()
    assert "tokens" in ax.get_title(loc="left")
    legends = [a.get_legend() for a in fig.axes if a.get_legend()] + fig.legends
    labels = [t.get_text() for lg in legends for t in lg.get_texts()]
    assert any("significant" in t for t in labels) and "not significant" in labels


def test_fightin_words_labels_do_not_overlap_and_axes_are_labelled(mpl):
    from corpuslib.plots.keywords import plot_fightin_words

    counts = {
        "A": {f"w{i}": 2 + (i % 7) for i in range(40)} | {"iran": 40, "oil": 3},
        "B": {f"w{i}": 2 + (i % 5) for i in range(40)} | {"iran": 10, "oil": 30},
    }
    fw = compare_groups(counts, by="outlet", min_count=1)
    fig, ax = mpl.subplots(figsize=(3.5, 3.0))
    plot_fightin_words(fw[fw["outlet"] == "A"], ax=ax, label_top=10, label_a="A")
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    labels = [t for t in ax.texts if not t.get_text().startswith("z =")]
    assert labels
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    for i, b1 in enumerate(boxes):
        for b2 in boxes[i + 1 :]:
            assert not b1.overlaps(b2)
    assert {"z = +1.96", "z = −1.96"} <= {t.get_text() for t in ax.texts}
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    visible = [v for v in ax.get_xticks() if ax.get_xlim()[0] <= v <= ax.get_xlim()[1]]
    assert len(visible) >= 3 and len(ticks) >= 3
    assert "log scale" in ax.get_xlabel() and "z-score" in ax.get_ylabel()
    assert fig.legends  # the legend is in the figure


def test_fightin_words_label_placement_is_deterministic(mpl, tmp_path):
    from corpuslib.plots.keywords import plot_fightin_words
    from corpuslib.plots.style import save_figure

    counts = {
        "A": {f"w{i}": 2 + i % 4 for i in range(30)},
        "B": {f"w{i}": 2 + i % 3 for i in range(30)},
    }
    fw = compare_groups(counts, by="outlet", min_count=1)
    out = []
    for k in range(2):
        fig, ax = mpl.subplots(figsize=(3.5, 3.0))
        plot_fightin_words(fw[fw["outlet"] == "A"], ax=ax, label_top=8)
        out.append(save_figure(fig, f"fw{k}", tmp_path, formats=("png",))["png"].read_bytes())
    assert out[0] == out[1]


def test_frame_heatmap_explains_dagger_and_zero_cells(segments, mpl):
    from corpuslib.plots.frames import plot_frame_heatmap

    frames = {"e": Frame("e", "Economy", "", ("oil",)), "x": Frame("x", "None", "", ("zebra",))}
    scores = frame_scores(segments, frames, by="outlet", n_boot=50, tokenizer=simple_tokenize)
    fig, ax = mpl.subplots()
    plot_frame_heatmap(scores, ax=ax, by="outlet")
    cells = [t.get_text() for t in ax.texts]
    assert not any("[0.0, 0.0]" in c for c in cells)
    assert sum(c.startswith("0 hits") for c in cells) == 2
    assert "0 hits\n≤ 184.4" in cells  # Alpha: 20 tokens, exact Poisson bound 3.689 / 20
    note = ax.get_title(loc="left")
    assert "†" in note and "exact Poisson (Garwood)" in note
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Alpha †\nn = 20 tokens", "Beta †\nn = 17 tokens"]


def test_collocate_grid_has_no_empty_panel_and_names_what_is_missing(segments, mpl):
    from corpuslib.analysis.collocations import count_mentions
    from corpuslib.plots.collocations import figure_collocates

    colloc = actor_collocates(segments, ["Iran"], window=2, min_count=1, min_score=0,
                              tokenizer=simple_tokenize)
    mentions = count_mentions(segments, ["Iran"], by="outlet", tokenizer=simple_tokenize)
    fig = figure_collocates(colloc, targets=["Iran"], groups=["Alpha", "Beta"],
                            mentions=mentions, min_score=3.84, min_count=1)
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.axison]
    assert titles == ["Iran · Alpha\nn = 5 mentions"]  # Beta has no panel of its own...
    note = fig._supxlabel.get_text()
    assert "Iran in Beta (not mentioned)" in note and "G² ≥ 3.84 (p < 0.05, 1 df)" in note


def test_collocate_labels_fit_with_six_groups(segments, mpl):
    from corpuslib.plots.collocations import figure_collocates

    colloc = actor_collocates(segments, ["Iran"], window=2, min_count=1, min_score=0,
                              tokenizer=simple_tokenize)
    six = pd.concat([colloc.assign(outlet=f"Outlet number {k}") for k in range(6)])
    fig = figure_collocates(six, targets=["Iran"])
    fig.draw_without_rendering()
    page = fig.bbox
    for ax in fig.axes:
        for label in [*ax.get_yticklabels(), ax.title]:
            box = label.get_window_extent()
            assert page.x0 - 1 <= box.x0 and box.x1 <= page.x1 + 1, label.get_text()


def test_fightin_labels_mark_words_whose_group_uses_come_from_one_document():
    import pandas as pd

    from corpuslib.plots.keywords import fightin_label_items

    df = pd.DataFrame({"term": ["letter", "ally", "troops"], "count": [6, 3, 11], "z": [2.4, 1.8, -0.4],
                       "single_doc": [True, False, True]})
    labels = [text for text, _, _ in fightin_label_items(df, 3)]
    assert labels == ["letter*", "ally", "troops"]  # a word favouring the rest is not the group's evidence
    assert [t for t, _, _ in fightin_label_items(df.drop(columns="single_doc"), 3)] == ["letter", "ally", "troops"]

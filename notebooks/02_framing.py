# %% [markdown]
# # 02 · Framing of the US–Iran–Iraq relationship
#
# **Research question.** Which words and which frames distinguish how outlets (or voices: authors, the sources they quote, their commenters) write about the US–Iran–Iraq relationship, and with which words is each actor — Iran, the US, Iraq — described?
#
# Four looks at the same texts: distinctive words by the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), keywords by Dunning's G² with Hardie's log ratio, a frame dictionary with exact Poisson intervals (quasi-Poisson across two to four documents, a bootstrap over documents from five) and hand-coded precision, and the collocates of each actor. The sample sentence under the first table says how many pages stand behind each group: where an outlet is one page, an outlet comparison is a comparison of single pages, useful to develop the method and the dictionary, not to generalise about outlets.

# %%
from IPython.display import Markdown, display

import corpuslib
from corpuslib import paths
from corpuslib.analysis.cache import cached
from corpuslib.analysis.collocations import actor_collocates, count_mentions
from corpuslib.analysis.counts import sample_sizes, term_counts
from corpuslib.analysis.frames import (
    corrected_rates,
    count_entries,
    describe_dominant,
    describe_validation,
    dominant_frames,
    frame_hits,
    frame_scores,
    frame_validation,
    read_coding,
    sample_hits,
)
from corpuslib.analysis.keywords import (
    compare_groups,
    describe_disagreement,
    describe_document_test,
    keyword_documents,
)
from corpuslib.analysis.overview import describe_confounding, describe_sample
from corpuslib.corpus.build import load_docs
from corpuslib.corpus.units import add_period, load_exclusions, select_units
from corpuslib.lexicons import load_frames
from corpuslib.plots.collocations import figure_collocates
from corpuslib.plots.frames import plot_frame_heatmap
from corpuslib.plots.keywords import figure_fightin_words, figure_keyness
from corpuslib.plots.style import new_axes, save_figure, save_table, use_style

# %% tags=["parameters"]
group_by: str = "outlet"  # compare groups of this column: "outlet", "voice" or "period"
periods: list = []  # period bins as [first_year, last_year] pairs (empty: one period per year)
prior_scale: float = 1.0  # strength of the corpus prior: alpha_0 is prior_scale times the corpus tokens
min_count: int = 2  # minimum count of a term (word comparisons and collocates)
top_n: int = 10  # terms per group in tables and figures
frames_file: str = ""  # frame dictionary YAML (empty: data/lexicons/frames.yml)
coded_sample: str = ""  # hand-coded frame hits (empty: data/validation/frame-hits-coded.csv)
n_boot: int = 1000  # bootstrap resamples for the frame-rate intervals
seed: int = 0  # random seed of the bootstrap
targets: list = ["Iran", "US", "Iraq"]  # actors whose collocates are compared
window: int = 5  # tokens on each side of an actor mention
measure: str = "likelihood"  # collocate association: "likelihood" (G2) or "pmi"
collocate_min_g2: float = 3.84  # minimum G2 of a collocate (3.84: p < 0.05, 1 df); ignored with measure "pmi", which uses min_count
voices: list = ["author"]  # voices analysed: title, author (own words), quoted (quotations in articles), commenter
langs: list = ["en"]  # language codes analysed (empty list: every language)
outlets: list = []  # outlets analysed (empty list: all)
exclude: str = ""  # YAML of units excluded with a reason (empty: data/exclude.yml; listed in notebook 00)
out_dir: str = "outputs/interactive"  # where figures/ and tables/ go (relative to the project root)
raw_dir: str = ""  # folder of raw pages (empty: the bundled corpus in data/raw)
manifest: str = ""  # manifest CSV (empty: data/manifest.csv)
cache: bool = True  # keep computed tables and drawn figures in data/processed/cache: a rerun on unchanged data and options reads them (same numbers, same bytes)

# %% [markdown]
# ## The texts analysed
#
# We keep the selected voices (by default the authors' own voice: article paragraphs that are not quotations) in English and count documents, text units and tokens per group; every later number should be read against this table. Two token counts, because the analyses count differently: `tokens` counts every running token (the denominator of the frame rates), `counted_tokens` the tokens left after stopword removal, with "United States" merged into one token (the n of the word comparisons and the collocates).

# %%
fig_dir, tab_dir = paths.output_dirs(out_dir)
use_style()
segments = corpuslib.load_segments(raw_dir=raw_dir or None, manifest=manifest or None)
docs = load_docs(raw_dir=raw_dir or None, manifest=manifest or None)
selected = add_period(select_units(segments, voices=voices, langs=langs, outlets=outlets,
                                   exclude=load_exclusions(exclude)).reset_index(drop=True),
                      docs, bins=periods)
sizes = cached(sample_sizes, cache)(selected, by=group_by, langs=langs, stopwords=True, aliases=True)
save_table(sizes.drop(columns="excluded_other_language"), "framing-sample-sizes", tab_dir,
           caption=f"Texts analysed per group (voices: {', '.join(voices)}): documents, text units, "
                   "all tokens (frame rates) and tokens after stopword removal (word comparisons, collocates).")
display(Markdown(describe_sample(segments) + " " + describe_confounding(selected, "outlet", "period")))
sizes

# %% [markdown]
# ## Distinctive words: Fightin' Words
#
# Each group is compared with the rest of the selected texts by the log-odds ratio with an informative Dirichlet prior built from the whole corpus; *z* > 1.96 marks words the group uses more than the rest, beyond what the prior expects.

# %%
counts = cached(term_counts, cache)(selected, by=(group_by,), langs=langs, stopwords=True, aliases=True)
fightin = cached(compare_groups, cache)(counts, by=group_by, prior_scale=prior_scale, min_count=min_count)
fightin = cached(keyword_documents, cache)(fightin, selected, by=group_by, seed=seed, stopwords=True, aliases=True)
top_words = fightin[fightin["rank"] <= top_n]
save_table(top_words, f"fightin-words-by-{group_by}", tab_dir,
           latex_columns=[group_by, "rank", "term", "count_a", "count_b", "z", "n_docs", "p_docs"],
           caption="Most distinctive words of each group (log-odds, informative prior): counts, "
                   "documents holding the term (n_docs; single_doc) and a permutation test over documents (p_docs).")
top_words.pivot(index="rank", columns=group_by, values="term")

# %%
fig = figure_fightin_words(fightin, by=group_by, label_top=6)
save_figure(fig, f"fightin-words-by-{group_by}", fig_dir, cache=cache,
            caption=f"Fightin' Words (log-odds with informative Dirichlet prior, Monroe et al. 2008): "
                    f"each {group_by} against the rest; z-score against total count; n = tokens after "
                    "stopword removal in each panel title.")
(fightin["z"].abs() > 1.96).groupby(fightin[group_by]).sum().rename("words with |z| > 1.96")

# %% [markdown]
# The count above says how many words per group pass ±1.96 (uncorrected, one test per word). Where none do, the labelled words at the extremes describe these pages, not outlets; the prior keeps rare words from topping the list by chance. Labels that would overlap are left out of the figure; the table has every word.

# %% [markdown]
# ## Keywords: log-likelihood and log ratio
#
# The same comparison with Dunning's G² (p-values adjusted by Benjamini–Hochberg within each group) and Hardie's log ratio as effect size. Bars are G², ordered by it (the table's rank); the number after each bar is the log ratio (log2 of the ratio of relative frequencies: 1 = twice as frequent as in the rest). The legend in the figure tells significant (filled) from not significant (hollow) bars at 5 % FDR.

# %%
key = cached(compare_groups, cache)(counts, by=group_by, statistic="keyness", min_count=min_count)
key = cached(keyword_documents, cache)(key, selected, by=group_by, seed=seed, stopwords=True, aliases=True)
save_table(key[key["rank"] <= top_n], f"keyness-by-{group_by}", tab_dir,
           latex_columns=[group_by, "rank", "term", "count_a", "count_b", "g2_signed", "log_ratio", "p_adj"],
           caption="Keywords of each group against the rest: counts, G2, log ratio, BH-adjusted p, "
                   "documents holding the term and a permutation test over documents (p_docs).")
fig = figure_keyness(key, by=group_by, top_n=top_n)
save_figure(fig, f"keyness-by-{group_by}", fig_dir, cache=cache,
            caption=f"Top {top_n} keywords of each {group_by} against the rest: Dunning G2, "
                    "log ratio (Hardie 2014) at the bar end, filled when BH-adjusted p < 0.05.")

# %% [markdown]
# ### Where G² and log-odds disagree
#
# G² treats every use of a word as an independent draw; the log-odds prior shrinks rare words toward the corpus rate, and `p_docs` asks whether the difference survives shuffling whole pages. Terms on which the statistics disagree, written from the two tables:

# %%
Markdown(describe_disagreement(key, fightin, by=group_by, top_n=top_n)
         + " " + describe_document_test(key, top_n=top_n))

# %% [markdown]
# The table gives, per group, `p_adj` for every keyword: on texts this short few keywords survive the FDR adjustment, and G² then ranks the evidence rather than marking findings. A term found in one group only gets a finite log ratio through the 0.5 correction for zeros.

# %% [markdown]
# ## Frames: how well does each one measure what it claims?
#
# A frame is a list of words and phrases (`data/lexicons/frames.yml`). A match counts as a hit only when its entry's rules hold: "Iran as threat" words need Iran named in the same sentence (any of its names in `data/lexicons/actors.yml`: Iranian, Tehran, the Islamic Republic, its leaders), generic words of diplomacy and sovereignty need one of the actors, and an entry belongs to one frame ("regime change" is sovereignty, not also "regime" for the threat frame). Every match of the bundled corpus was coded by hand (`data/validation/CODING.md`): the table gives each frame's precision — the share of its hits that really express the frame — with and without the rules.

# %%
frames = load_frames(frames_file or paths.FRAMES)
matches = cached(frame_hits, cache)(selected, frames, langs=langs, rules=False)
coded = read_coding(coded_sample or paths.CODED_FRAME_HITS, missing_ok=True)
validation = frame_validation(coded, matches)
save_table(validation, "frame-validation", tab_dir,
           caption="Precision of each frame on the hand-coded sample: share of hits that express "
                   "the frame, 95% Wilson interval; matches = dictionary without its rules.")
display(Markdown(describe_validation(validation)))
validation

# %% [markdown]
# Frame rates are hits per 1,000 tokens (all tokens, see `tokens` above). Pages, not paragraphs, were sampled, so the interval depends on the pages behind a group: the exact Poisson interval of the count always, a bootstrap over documents only with at least five pages (never narrower than the exact one), and with two to four pages also a quasi-Poisson interval across the pages (`qp_low`, `qp_high` in the table). `rate_corrected` multiplies the rate by the frame's measured precision. † marks groups with fewer than 10 units or 1,000 tokens.

# %%
scores = corrected_rates(cached(frame_scores, cache)(selected, frames, by=group_by, langs=langs, n_boot=n_boot,
                                      seed=seed), validation)
save_table(scores, "frame-scores", tab_dir,
           caption="Frame hits per 1,000 tokens with 95% intervals (ci_method) and precision-corrected "
                   "rates; frames without a coded sample are not validated.")
ax = new_axes(2, height=3.4)
plot_frame_heatmap(scores, ax=ax, by=group_by)
save_figure(ax.figure, "frame-heatmap", fig_dir, cache=cache,
            caption=f"Frame hits per 1,000 tokens by {group_by}, with 95% intervals "
                    f"({'; '.join(sorted(set(scores['ci_method'])))}); each frame's label gives its "
                    "precision on the hand-coded sample or says it is not validated; † small samples.")

# %% [markdown]
# ### The leading frame of each group
#
# Written from the table: ties are named as ties, and a lead whose interval overlaps the runner-up's is no lead. Frames are ranked by their precision-corrected rate (rate × precision on the hand-coded sample, with both uncertainties in the interval) when the dictionary has been validated, so a frame whose hits are often not the frame cannot lead on them; frames without a coded sample then take no part.

# %%
ranked_by = "rate_corrected" if scores["validated"].any() else "rate"
dominant = dominant_frames(scores, by=group_by, rate=ranked_by)
save_table(dominant, "frame-dominant", tab_dir,
           caption=f"Leading frame per group by {'precision-corrected ' if ranked_by == 'rate_corrected' else ''}"
                   "rate, with ties and runner-up.")
display(Markdown(describe_dominant(dominant, by=group_by)))
dominant

# %% [markdown]
# ### Reading the hits, and coding more of them
#
# Every hit with its context, and the entries that produce most hits. Matches no coder has seen yet are written to `frame-coding-sheet.csv` (up to five per entry, stratified): fill in `code` (1 = expresses the frame, 0 = does not, rule in `data/validation/CODING.md`), append the rows to the coded file and rerun.

# %%
hits = matches[matches["kept"]].drop(columns=["kept", "reason"])
save_table(hits, "frame-hits", tab_dir, latex=False)
save_table(matches[~matches["kept"]], "frame-matches-dropped-by-rules", tab_dir, latex=False)
sheet = sample_hits(matches[~matches["hit_id"].isin(coded["hit_id"])], per_entry=5, seed=seed)
save_table(sheet, "frame-coding-sheet", tab_dir, latex=False)
entries = count_entries(hits)
save_table(entries, "frame-entries", tab_dir, caption="Hits per frame entry.")
display(Markdown(f"{len(hits)} hits counted, {int((~matches['kept']).sum())} matches dropped by the "
                 f"rules (table frame-matches-dropped-by-rules), {len(sheet)} uncoded matches in the "
                 "coding sheet."))
entries.drop_duplicates("frame")  # each frame's leading entry

# %% [markdown]
# ## Actors: who is described with which words
#
# Collocates of each actor within the window, per group, ranked by association with the actor (words used more near it than elsewhere in the group); "US", "U.S." and "United States" are one actor. With `measure="likelihood"` only collocates with G² ≥ `collocate_min_g2` (3.84: p < 0.05 for one comparison) and at least `min_count` occurrences near the actor are shown; empty panels say so.

# %%
min_score = collocate_min_g2 if measure == "likelihood" else None
colloc = cached(actor_collocates, cache)(selected, targets, window=window, by=group_by, measure=measure,
                          min_count=min_count, min_score=min_score, top_n=top_n, langs=langs)
save_table(colloc, "actor-collocates", tab_dir, caption="Collocates of each actor per group.")
mentions = cached(count_mentions, cache)(selected, targets, by=group_by, langs=langs)
fig = figure_collocates(colloc, by=group_by, targets=targets, top_n=6,
                        groups=sizes[group_by].astype(str).tolist(), mentions=mentions,
                        min_score=min_score, min_count=min_count)
save_figure(fig, "actor-collocates", fig_dir, cache=cache,
            caption=f"Words within {window} tokens of each actor ({', '.join(targets)}) per {group_by}, "
                    f"ranked by {measure}; collocates below the threshold are not shown.")

# %% [markdown]
# Counts near an actor are small (column `count` of the table; `n_target` is the number of mentions), and the threshold is not corrected for the many words tested, so these lists suggest readings to check in the KWIC tables rather than measure associations.
#
# ## Limits
#
# Where an outlet rests on one page (see the sample sentence at the top), its comparisons are page comparisons and no interval here speaks for the outlet's output. An exact Poisson interval treats tokens as independent, which understates the uncertainty of a rate when hits cluster in a few paragraphs; the quasi-Poisson and document-bootstrap intervals, used where a group has two or more documents, allow for that. The dictionary's precision was measured on a hand-coded sample of its hits (table `frame-validation`): a frame with low precision counts many hits that are not the frame, so compare its precision-corrected rate, not the raw rate, and its recall (frames the dictionary misses) has not been measured.

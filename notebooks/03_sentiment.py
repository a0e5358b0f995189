# %% [markdown]
# # Sentiment of authors and commenters
#
# **Research question.** On news pages about the US–Iran–Iraq relationship, do readers in the comment sections write with a different tone from the article authors — **on the same page** — and does the answer survive a change of sentiment lexicon?
#
# The estimand is the author − commenter difference *within each page* (same topic, same moment, same thread), averaged over pages with equal weight. Pages are the sampling unit, so intervals resample pages and the test flips the sign of whole page differences. Each voice is scored on its own words: quotations inside article paragraphs, and quoted or pasted text inside comments, are taken out. VADER (Hutto & Gilbert 2014) scores the text as written; TextBlob's pattern lexicon (De Smedt & Daelemans 2012) is the second instrument. Every comparison reports n and an interval; small samples are flagged, not hidden.

# %%
from IPython.display import Markdown

import corpuslib
from corpuslib.analysis.cache import cached
from corpuslib.analysis.memory import release_free_memory
from corpuslib.analysis.quotes import find_quotes
from corpuslib.analysis.sentiment import (
    compare_voices,
    describe_comparison,
    describe_page_differences,
    extreme_units,
    instrument_agreement,
    lexicon_sensitivity,
    lexicon_table,
    mixed_model,
    page_differences,
    primary_measure,
    score_segments,
    share_columns,
    unit_counts,
    unit_lengths,
    word_contributions,
)
from corpuslib.corpus.units import excluded_units, load_exclusions
from corpuslib.lexicons import load_sentiment_domain
from corpuslib.paths import output_dirs
from corpuslib.plots.sentiment import (
    MAX_PAGE_ROWS,
    figure_forest,
    figure_word_contributions,
    plot_agreement,
    plot_page_differences,
    plot_score_distributions,
)
from corpuslib.plots.style import new_axes, save_figure, save_table, use_style

# %% tags=["parameters"]
instrument: str = "both"  # "vader", "textblob" or "both" (agreement needs both)
unit: str = "sentence"  # "sentence" (every sentence scored, clustered by unit and page) or "segment" (paragraph / comment)
quotes: str = "remove"  # "remove": quotations and pasted text are out of the author and commenter voices; "keep": score units whole
domain_lexicon: str = ""  # YAML of VADER valences replaced for news text (empty: data/lexicons/sentiment_domain.yml)
use_domain_lexicon: bool = True  # headline scores with the domain override (the sensitivity table always shows both)
n_boot: int = 2000  # bootstrap replicates per comparison
n_perm: int = 4999  # random permutations / sign patterns when not enumerated
min_n: int = 5  # fewest units per voice before a per-outlet cell is flagged too small
min_pages: int = 5  # fewest pages with both voices before the within-page estimate is flagged too small
seed: int = 0  # seed of bootstrap, permutations and plot jitter
jobs: int = 1  # worker processes for scoring (same scores for any value; 2+ pays off on large corpora)
cache: bool = True  # keep scores, computed tables and drawn figures in data/processed/cache: a rerun scores only texts not scored before with these options and reads tables and figures made before (same numbers, same bytes)
voices: list = ["author", "commenter"]  # voices analysed: title, author (own words), quoted (quotations in articles), commenter
langs: list = ["en"]  # language codes analysed (empty list: every language)
outlets: list = []  # outlets analysed (empty list: all)
exclude: str = ""  # YAML of units excluded with a reason (empty: data/exclude.yml)
out_dir: str = "outputs/interactive"  # where figures/ and tables/ go (relative to the project root)
raw_dir: str = ""  # folder of raw pages (empty: the bundled corpus in data/raw)
manifest: str = ""  # manifest CSV (empty: data/manifest.csv)

# %%
fig_dir, table_dir = output_dirs(out_dir)
measure = primary_measure(instrument)
domain = load_sentiment_domain(domain_lexicon or None)
lexicons = {"VADER as published": None, "news-domain override": domain}
headline = "news-domain override" if use_domain_lexicon else "VADER as published"
_ = use_style()

# %% [markdown]
# ## Excluded units
#
# Units listed in the exclusion file (parameter `exclude`) are left out of every table below; an entry that matches no unit is listed with `n_units` 0.

# %%
segments = corpuslib.load_segments(raw_dir or None, manifest or None)
exclusions = load_exclusions(exclude)
excluded = excluded_units(segments, exclusions)
save_table(excluded, "sentiment-excluded-units", table_dir,
           caption=f"Units excluded from the sentiment analysis ({len(excluded)} rows)")
excluded

# %% [markdown]
# ## Who is speaking
#
# An article paragraph is the author's voice and a comment the commenter's, but inside a unit the voice is often mixed. Text between quotation marks inside author paragraphs, and `>` quotes, quotations, passages copied from the article and long third-person statements (a pasted press release) inside comments, are found at the character level and left out of the voice (`quotes = "remove"`). Every span taken out:

# %%
spans = cached(find_quotes, cache)(segments)
save_table(spans.drop(columns=["start", "end"]), "sentiment-quoted-spans", table_dir,
           caption=f"Quoted or pasted spans inside author paragraphs and comments ({len(spans)} spans, "
                   f"{int(spans['n_words'].sum())} words)")
spans.groupby(["voice", "kind"]).agg(spans=("n_words", "size"), words=("n_words", "sum"))

# %%
score_options = dict(voices=voices, langs=langs or ["en"], outlets=outlets, exclude=exclusions,
                     instrument=instrument, unit=unit, quotes=quotes, jobs=jobs,
                     cache=cache)
# the lexicons' tables differ only in their scores: share_columns holds their unit columns once
scored_by_lexicon = share_columns({name: cached(score_segments, cache)(segments, lexicon=lex, **score_options)
                                   for name, lex in lexicons.items()})
del segments  # not read below: its memory is handed back before the estimates
release_free_memory()
scored = scored_by_lexicon[headline]
counts = unit_counts(scored)
save_table(counts, "sentiment-unit-counts", table_dir, caption=f"Scored {unit}s per outlet, voice and status")
counts

# %% [markdown]
# The counts bound everything below: outlets without a comment section cannot enter an author–commenter comparison, and units that were entirely quotation are `excluded_quoted`.
#
# ## Comparable units
#
# Author paragraphs and whole comments differ in length, and a lexicon score depends on length. With `unit = "sentence"` every sentence is scored by VADER on its own (the length VADER was built and validated for) and both voices are compared on the same kind of unit; sentences stay clustered in their paragraph or comment and their page, which the intervals below resample and the mixed model models. With `unit = "segment"` whole units are scored with the validated length-aware density aggregation and the mixed model adjusts for log length. Lengths per voice, after quotations were taken out:

# %%
lengths = unit_lengths(scored)
save_table(lengths, "sentiment-unit-lengths", table_dir,
           caption="Length in words of the scored units per voice (quotations removed), "
                   "with sentences per unit and words per sentence")
lengths

# %% [markdown]
# ## Within-page differences (the headline)
#
# For each page with both voices: mean author score − mean commenter score (interval: units resampled within the page). Combined: the mean of the page differences, a bootstrap interval over pages and a sign-flip test over pages, exact when all sign patterns can be enumerated. The unit-weighted pooled difference is shown for comparison only: it weights each voice by its units, so when most author units come from one page and most comments from another it compares pages, not voices. Both lexicons side by side (the domain override sets event words such as *war*, *attack*, *offensive* to neutral):

# %%
pages = lexicon_sensitivity({
    name: cached(page_differences, cache)(s, measure="compound", n_boot=n_boot, n_perm=n_perm, seed=seed,
                           min_pages=min_pages)
    for name, s in scored_by_lexicon.items()
})
save_table(pages, "sentiment-within-page", table_dir,
           latex_columns=["lexicon", "scope", "outlet", "n_author", "n_commenter", "diff", "ci_low", "ci_high"],
           caption="Author minus commenter VADER compound within each page and the mean over pages "
                   "(page bootstrap 95% CI, sign-flip p over pages), with and without the domain lexicon; "
                   f"{int(pages['too_small'].sum())} of {len(pages)} rows rest on too few units or pages "
                   "(too_small in the CSV)")
pages[["lexicon", "scope", "page", "n_pages", "n_units_author", "n_units_commenter", "n_author",
       "n_commenter", "diff", "ci_low", "ci_high", "p", "p_min", "too_small"]]

# %%
Markdown(describe_page_differences(pages))

# %%
ax = new_axes(2, height=3.2)
plot_page_differences(pages, ax=ax)
within = pages[pages["scope"] == "mean of within-page differences"]
save_figure(ax.figure, "sentiment-within-page", fig_dir, cache=cache,
            caption=f"Author minus commenter mean VADER compound ({unit} level, quotations {'removed' if quotes == 'remove' else 'kept'}) "
                    f"within each page ({'circles, units resampled' if within['n_pages'].max() <= MAX_PAGE_ROWS else 'a point per page and their box; intervals in the table'}) "
                    f"and the mean of page differences "
                    f"(diamonds: bootstrap over {int(within['n_pages'].max()) if len(within) else 0} pages, "
                    f"sign-flip p), with VADER as published and with the news-domain override; "
                    f"hollow squares: unit-weighted pooled difference, not the estimand. "
                    f"n = author / commenter units per row.")

# %% [markdown]
# A mixed model is a second reading of the same question: a random intercept per page absorbs page differences, a variance component per unit (sentence rows) absorbs the clustering of sentences, and log length is a covariate. With few pages the page variance is poorly estimated and the Wald interval is optimistic; the notes of the fit are kept.

# %%
models = lexicon_sensitivity({name: cached(mixed_model, cache)(s, measure="compound")
                              for name, s in scored_by_lexicon.items()})
save_table(models, "sentiment-mixed-model", table_dir,
           caption="Author minus commenter VADER compound from a linear mixed model with a page random "
                   "intercept (REML, statsmodels), with and without the domain lexicon")
models

# %% [markdown]
# ## Which words drive the scores
#
# VADER scores words, and in conflict reporting many of its negative words name the events being reported (*offensive* as in the Tikrit offensive, *war*, *attack*, *enemy*). Summing each word's valence (after VADER's rules) per voice, with VADER as published, shows what a voice's score is made of; grey hatched bars are words the domain override sets to neutral.

# %%
contributions = cached(word_contributions, cache)(scored_by_lexicon["VADER as published"])
save_table(contributions.groupby("voice").head(15), "sentiment-driving-words", table_dir,
           caption="Words contributing most to each voice's VADER score (VADER as published): "
                   "summed valence, occurrences n and signed share of the voice's total valence")
fig = figure_word_contributions(contributions, k=12, neutral=list(domain))
n_voice = scored_by_lexicon["VADER as published"].query("status == 'scored'").groupby("voice", observed=True).size()
save_figure(fig, "sentiment-driving-words", fig_dir, cache=cache,
            caption="The 12 words with the largest summed VADER valence per voice (VADER as published; "
                    + ", ".join(f"{v}: n = {n} scored {unit}s" for v, n in n_voice.items())
                    + "); grey hatched: neutral in the news-domain lexicon; (n) occurrences.")
contributions.groupby("voice").head(10)

# %% [markdown]
# The override, openly: every entry of the domain lexicon beside VADER's own valence (an entry VADER does not know changes nothing).

# %%
overrides = lexicon_table(domain)
save_table(overrides, "sentiment-domain-lexicon", table_dir,
           caption=f"News-domain override of the VADER lexicon ({int(overrides['changed'].sum())} "
                   f"of {len(overrides)} entries change a VADER valence)")
overrides[overrides["changed"]]

# %% [markdown]
# ## Per outlet, unit level, and the distribution of scores
#
# The earlier per-outlet view, kept for reading individual cells: each outlet here is one page, so every per-outlet interval describes a page (flagged `page_level`), and the pooled cell is unit-weighted. Each point is one scored unit.

# %%
ax = new_axes(2, 0.45)
plot_score_distributions(scored, ax=ax, measure=measure, seed=seed)
save_figure(ax.figure, "sentiment-by-voice", fig_dir, cache=cache,
            caption=f"{measure} score of each scored {unit} by voice ({', '.join(voices)}) and outlet "
                    f"(points) with box plots where a cell has at least 10 units ({headline}); n = {int((scored.status == 'scored').sum()):,} {unit}s.")

# %%
comparison = cached(compare_voices, cache)(scored, n_boot=n_boot, n_perm=n_perm, seed=seed, min_n=min_n)
save_table(comparison, "sentiment-author-commenter", table_dir,
           latex_columns=["instrument", "outlet", "n_author", "n_commenter", "diff", "ci_low", "ci_high", "too_small"],
           caption="Author minus commenter sentiment per outlet and pooled over units (unit-weighted; "
                   "bootstrap 95% CI)")
comparison[
    ["instrument", "outlet", "n_author", "n_commenter", "n_docs_author", "n_docs_commenter",
     "diff", "ci_low", "ci_high", "p_perm", "p_adj", "too_small", "page_level"]
]

# %%
fig = figure_forest(comparison)
save_figure(fig, "sentiment-difference-forest", fig_dir, cache=cache,
            caption="Author minus commenter difference of mean score per outlet and pooled over units "
                    f"(unit-weighted), 95% bootstrap intervals ({n_boot} resamples; {unit} level, {headline}); "
                    "hollow = too small to read.")
Markdown(describe_comparison(comparison))

# %% [markdown]
# ## Do the two instruments agree?
#
# If VADER and TextBlob disagree on the same units, a conclusion that holds for one lexicon only is a property of the lexicon, not of the texts.

# %%
agreement = cached(instrument_agreement, cache)(scored)
save_table(agreement, "instrument-agreement", table_dir, caption="VADER compound vs TextBlob polarity")
ax = new_axes(1, 0.9)
plot_agreement(scored, ax=ax, agreement=agreement)
save_figure(ax.figure, "instrument-agreement", fig_dir, cache=cache,
            caption=f"VADER compound ({headline}) against TextBlob polarity for every {unit} scored by both, "
                    "with Pearson r and its Fisher-z interval per voice.")
agreement

# %% [markdown]
# ## The most negative and most positive units
#
# Reading the extremes is the quickest check of what the lexicon is responding to.

# %%
extremes = extreme_units(scored, k=5, measure=measure)
save_table(extremes, "sentiment-extreme-units", table_dir, caption="Most negative and positive units")
extremes

# %% [markdown]
# Lexicon scores miss sarcasm and irony; the domain override removes the event words it lists, not the topic as a whole. With three pages that have comments, every estimate above describes these pages; the within-page design and the page-level uncertainty say how little they can say about authors and commenters in general.

# %% [markdown]
# # Word frequency: what do authors, quoted sources and commenters talk about?
#
# **Research question.** Which words dominate the coverage of the US–Iran–Iraq relationship,
# and do reader commenters use a different vocabulary from the articles' authors?
#
# This notebook counts words per *voice* (author, quoted source, commenter, title) and per
# outlet, compares authors with commenters, checks Zipf's law, and lists collocations and
# concordances. Every number comes from `corpuslib.analysis` (counts, collocations); the tokenizer is
# `corpuslib.tokenize` (lexicons in `data/lexicons/`). Every table and figure says
# which *n* it reports: **tokens** (all word tokens) or **counted tokens** (what is left after
# stopwords and numbers are removed, the denominator of every rate), and **units** (paragraphs,
# comments, titles) or **documents** (pages).

# %%
from IPython.display import Markdown, display

import corpuslib
from corpuslib import paths
from corpuslib.analysis.cache import cached
from corpuslib.analysis.collocations import collocations, kwic, sample_per_doc
from corpuslib.analysis.counts import (
    compare_rates,
    describe_concentrated,
    sample_sizes,
    term_counts,
    top_terms,
    zipf_table,
)
from corpuslib.analysis.explorer import explorer_contexts, explorer_terms
from corpuslib.corpus.build import load_docs
from corpuslib.corpus.units import add_period, load_exclusions, select_units
from corpuslib.plots.counts import figure_term_bars, plot_rank_frequency, plot_rate_scatter
from corpuslib.plots.explorer import explorer_html, save_explorer
from corpuslib.plots.style import save_figure, save_table, use_style

# %% tags=["parameters"]
group_by: str = "outlet"  # column for the second chart: "outlet" or "doc_id"
top_n: int = 10  # terms per group in charts and tables
min_panel_tokens: int = 200  # a group with fewer counted tokens gets no top-terms panel (named under the figure)
shared_scale: bool = False  # one value axis for every top-terms panel
ngram: int = 1  # 1 for single words, 2 for word pairs
lemmatize: bool = False  # merge inflected forms with simplemma ("troops" -> "troop")
extra_stopwords: list = []  # words to ignore on top of data/lexicons/stopwords.yml
aliases: bool = True  # merge spellings listed in data/lexicons/aliases.yml ("U.S." -> "US")
numbers: str = "drop"  # "keep" or "drop" tokens made of digits
min_count: int = 2  # terms rarer than this (authors + commenters) are left out of the scatter
concordance_per_doc: int = 4  # concordance lines kept per document, evenly spaced through it
kwic_terms: list = ["Iran", "militia"]  # words or phrases for the full concordance table (empty list: none)
kwic_window: int = 8  # tokens of context on each side in the concordance table
explorer_by: str = "voice"  # groups compared in the term explorer: "voice", "outlet" or "period"
explorer_a: str = "author"  # first group (x axis) of the term explorer
explorer_b: str = "commenter"  # second group (y axis) of the term explorer
explorer_periods: list = []  # year ranges [[first, last], ...] when explorer_by is "period" (empty list: one period per year)
voices: list = ["title", "author", "commenter"]  # voices analysed: title, author (own words), quoted (quotations in articles), commenter
langs: list = ["en"]  # language codes analysed (empty list: every language)
outlets: list = []  # outlets analysed (empty list: all)
exclude: str = ""  # YAML of units excluded with a reason (empty: data/exclude.yml; listed in notebook 00)
out_dir: str = "outputs/interactive"  # where figures/ and tables/ go (relative to the project root)
raw_dir: str = ""  # folder of raw pages (empty: the bundled corpus in data/raw)
manifest: str = ""  # manifest CSV (empty: data/manifest.csv)
cache: bool = True  # keep computed tables and drawn figures in data/processed/cache: a rerun on unchanged data and options reads them (same numbers, same bytes)

# %% [markdown]
# ## Data
#
# We load the segmented corpus (one row per paragraph, comment, title or piece of page chrome)
# and label each unit with its voice. The table shows how many units each outlet contributes.

# %%
fig_dir, tab_dir = paths.output_dirs(out_dir)
use_style()
tok = dict(stopwords=True, extra_stopwords=extra_stopwords, aliases=aliases,
           lemmatize=lemmatize, ngrams=ngram, numbers=numbers)
forms = "lemmas (inflected forms merged)" if lemmatize else "word forms"
segments = corpuslib.load_segments(raw_dir or None, manifest or None)
exclusions = load_exclusions(exclude)
units = select_units(segments, voices=voices, langs=langs, outlets=outlets, exclude=exclusions)
units.groupby(["outlet", "voice"], observed=True).size().unstack(fill_value=0)

# %% [markdown]
# ## Sample sizes
#
# Each voice's documents, units and tokens. *tokens* counts every word token of the English
# units with the default tokenizer (the count notebook 00 reports per role); *counted_tokens*
# is what remains after stopwords (and, with `numbers="drop"`, numbers) are removed — word pairs
# when `ngram = 2` — and is the *n* of every rate below.

# %%
by_voice = cached(term_counts, cache)(units, by="voice", langs=langs, **tok)
sizes = cached(sample_sizes, cache)(units, by="voice", langs=langs, **tok)
# counted, not kept: a second selection of the corpus would stay in memory to the end
n_other_lang = len(select_units(segments, voices=voices, langs=[], outlets=outlets, exclude=exclusions)) - len(units)
save_table(sizes, "sample-size-by-voice", tab_dir,
           caption=f"Documents, units, tokens (all word tokens) and counted tokens ({forms} after "
                   "stopword and number removal; the n of every rate) per voice.")
sizes

# %%
docs_with_comments = segments.loc[segments["role"].eq("comment"), "doc_id"].nunique()
Markdown(
    f"The corpus has **{segments['doc_id'].nunique()} pages**; {docs_with_comments} of them have "
    f"reader comments ({int(segments['role'].eq('comment').sum())} comments in all). "
    f"{n_other_lang} unit(s) in other languages than {langs or 'any'} are left out of every count. "
    f"Voices counted: {', '.join(voices)}; terms are {forms}. "
    "Counted tokens per voice: "
    + "; ".join(
        f"{r.voice} {r.counted_tokens:,} of {r.tokens:,} tokens ({r.units} units)"
        for r in sizes.itertuples()
    )
    + ". Treat every difference below as a description of these texts, not as an estimate "
    "for outlets or audiences in general."
)

# %% [markdown]
# ## Top terms by voice
#
# Rates per 1,000 counted tokens, stopwords removed, for each voice (*n* in each panel title).

# %%
fig = figure_term_bars(by_voice, facet="voice", top_n=top_n, columns=2,
                     xlabel="per 1,000 counted tokens", n_label="counted tokens",
                       min_n=min_panel_tokens, shared_scale=shared_scale)
save_figure(
    fig, "top-terms-by-voice", fig_dir, cache=cache,
    caption=f"The {top_n} most frequent terms ({forms}) of each voice (stopwords removed), in occurrences "
    "per 1,000 counted tokens; n = counted tokens per voice: "
    + ", ".join(f"{r.voice} {r.counted_tokens:,}" for r in sizes.itertuples()) + ".",
)

# %% [markdown]
# The same terms as a table, with their dispersion: `n_docs` and `n_units` are the documents
# and units of the voice the term occurs in, `top_unit` the unit holding most of its occurrences
# (`doc_id:seq`) and `top_unit_share` their share. A term is flagged **concentrated** when more
# than half of its occurrences sit in one unit: its rank then reflects that one text (a long
# comment, a pasted advert), not the voice.

# %%
top_table = cached(top_terms, cache)(by_voice, top_n=top_n, segments=units, langs=langs, **tok)
save_table(top_table, "top-terms-by-voice", tab_dir,
           caption="Most frequent terms per voice: count, rate per 1,000 counted tokens "
                   "(n_tokens), documents and units the term occurs in; concentrated = more "
                   "than half its occurrences in one unit.")
top_table

# %%
rare = top_table.loc[top_table["count"] <= 2]
Markdown(
    "Most frequent three terms per voice: "
    + "; ".join(
        f"{v} — {', '.join(g['term'].head(3))}"
        for v, g in top_table.groupby("voice", observed=True, sort=False)
    )
    + ".\n\n**Concentrated** terms (seen more than once, more than half in one unit): "
    + describe_concentrated(top_table, units)
    + ". Their counts describe that unit, not the voice. "
    + f"{int((top_table['count'] == 1).sum())} listed term(s) occur only once. "
    + f"{len(rare)} listed term(s) occur at most twice"
    + (f" ({', '.join(rare['voice'].astype(str) + ' *' + rare['term'] + '*')})" if len(rare) <= 12 else "")
    + f": they fill the top {top_n} of small voices and mean nothing on their own. "
    "With this few tokens per voice a rank difference of one or two places means nothing either."
)

# %% [markdown]
# ## Top terms by outlet

# %%
by_group = cached(term_counts, cache)(units, by=group_by, langs=langs, **tok)
group_n = by_group.groupby(group_by, observed=True)["n_tokens"].first()
group_docs = units.groupby(group_by, observed=True)["doc_id"].nunique()
fig = figure_term_bars(by_group, facet=group_by, top_n=top_n, columns=2,
                     xlabel="per 1,000 counted tokens", n_label="counted tokens",
                       min_n=min_panel_tokens, shared_scale=shared_scale)
save_figure(
    fig, f"top-terms-by-{group_by.replace('_', '-')}", fig_dir, cache=cache,
    caption=f"The {top_n} most frequent terms ({forms}) per {group_by} (stopwords removed), voices pooled "
    f"({', '.join(voices)}: a page with many comments counts mostly its commenters' words), in occurrences "
    "per 1,000 counted tokens; n = counted tokens: "
    + ", ".join(f"{g} {n:,}" for g, n in group_n.items()) + ".",
)
Markdown(
    f"{int((group_docs == 1).sum())} of the {len(group_docs)} {group_by} groups are a single page, "
    "so their vocabulary is the topic of one article, not the outlet's."
)

# %% [markdown]
# ## Authors against commenters
#
# Each dot is a term; its position gives its rate among authors (x) and commenters (y).
# Terms far from the dashed diagonal are used more by one side.

# %%
if {"author", "commenter"} <= set(by_voice["voice"].astype(str)):
    rates = compare_rates(by_voice, by="voice", a="author", b="commenter", min_count=min_count)
    ax = plot_rate_scatter(rates, label_a="authors", label_b="commenters", n_labels=top_n + 5,
                           unit="counted tokens")
    save_figure(
        ax.figure, "rates-authors-vs-commenters", fig_dir, cache=cache,
        caption=f"Rate per 1,000 counted tokens of each of {len(rates):,} terms ({forms}, seen at least "
        f"{min_count} times in both voices together) among authors (x, n = {rates['n_a'].iloc[0]:,}) "
        f"and commenters (y, n = {rates['n_b'].iloc[0]:,}); symmetric-log axes, dashed line = equal rates.",
    )
else:
    display(Markdown(f"No comparison: this run counts the voices {voices}, so authors or commenters "
                     "have no tokens (see the sample sizes above)."))

# %% [markdown]
# Labels mark the most frequent and the most lopsided terms. Lopsided terms with counts of two
# or three are noise at this size, and so are terms flagged *concentrated* above;
# `corpuslib.log_odds_dirichlet` and `corpuslib.keyness` give z-scores and p-values for a proper
# comparison.
#
# ## Zipf's law
#
# Rank against frequency on log–log axes, one line per voice.

# %%
zipf = cached(zipf_table, cache)(units, by="voice", langs=langs, numbers=numbers, lemmatize=lemmatize)
zipf_n = zipf.groupby("voice", observed=True)["count"].sum()
ax = plot_rank_frequency(zipf, by="voice")
save_figure(
    ax.figure, "zipf-rank-frequency-by-voice", fig_dir, cache=cache,
    caption=f"Rank of each term ({forms}) against its number of occurrences, log–log, one line per "
    f"voice; stopwords kept, numbers {'dropped' if numbers == 'drop' else 'kept'}; n = tokens per voice: "
    + ", ".join(f"{v} {n:,}" for v, n in zipf_n.items()) + ".",
)

# %% [markdown]
# All tokens are counted here (stopwords included; numbers as set by `numbers`), so *n* is close to the *tokens* column of the sample-size table, not to the counted tokens. In natural text the lines are roughly
# straight with slope near −1; the flat tails are the many words seen once or twice, and with
# a few hundred to a few thousand tokens per voice the curves are short and steppy.
#
# ## Collocations
#
# Word pairs that co-occur more than chance within a unit (Dunning's log-likelihood G²;
# pairs below G² = 3.84, the 5 % point of χ² with one degree of freedom, are not listed),
# with the same dispersion columns as the top-terms table.

# %%
colloc = cached(collocations, cache)(units, measure="likelihood", min_freq=2, window=2,
                      top_n=top_n * 2, langs=langs,
                      **{k: v for k, v in tok.items() if k != "ngrams"})
save_table(colloc, "collocations", tab_dir,
           caption=f"Adjacent word pairs ({forms}) within a unit, seen at least twice, G2 >= 3.84 (score); "
                   "n_docs, n_units: documents and units the pair occurs in; concentrated = "
                   "more than half its occurrences in one unit.")
colloc

# %%
conc_pairs = colloc.loc[colloc["concentrated"]]
Markdown(
    f"{len(colloc)} pairs are listed (at most {top_n * 2}); "
    f"{int((colloc['n_docs'] == 1).sum())} of them occur in one document only. "
    f"**Concentrated** in one unit ({len(conc_pairs)}): "
    + describe_concentrated(colloc, units, label="collocation")
    + ". Such pairs describe one text, not the corpus. Most pairs are seen only two or three "
    "times, so the order below the first few is unstable: read the list as candidates to "
    "check in context, not as the corpus's fixed expressions."
)

# %% [markdown]
# ## Concordance for the top author terms
#
# Contexts for the three most frequent author terms, so the counts can be read against actual
# sentences. The sample is stratified: at most `concordance_per_doc` lines per document, evenly
# spaced through each document's matches (so it covers every page, from the article to the
# comments), in document order.

# %%
top_author = by_voice.loc[by_voice["voice"] == "author", "term"].head(3).tolist()
kw = dict(window=6, langs=langs, aliases=aliases, lemmatize=lemmatize)
matches = cached(kwic, cache)(units, top_author, **kw)
n_matches = len(matches)
conc = sample_per_doc(matches, concordance_per_doc)
save_table(conc, "concordance-top-terms", tab_dir, latex=False)
conc[["doc_id", "voice", "left", "match", "right"]]

# %%
Markdown(
    f"The sample shows {len(conc)} of the {n_matches} matches of {', '.join(top_author)}, from "
    f"{conc['doc_id'].nunique()} documents (lines per voice: "
    + ", ".join(f"{v} {n}" for v, n in conc["voice"].value_counts(sort=False).items() if n)
    + "). It shows how the words are used in a few sentences of each page — the `voice` "
    "column tells an author's sentence from a quotation or a comment — but it is too small "
    "to say which use is most common. Read all matches in the CSV "
    "(`tables/concordance-top-terms.csv` holds the sample) or rerun `corpuslib.kwic` without "
    "`per_doc`.\n\n"
    f"Limits: {units['doc_id'].nunique()} documents, {int(units['voice'].eq('commenter').sum())} "
    f"comments, languages counted: {', '.join(langs) or 'all'} ({n_other_lang} unit(s) in other "
    "languages excluded by the language filter)."
)

# %% [markdown]
# ## Concordance for chosen terms
#
# Every occurrence of the `kwic_terms` parameter's words with `kwic_window` tokens each side,
# matched on normalised tokens (with aliases, "U.S." is found by "US"). The whole table is in
# `tables/concordance-kwic.csv`; the run's `index.html` shows it with a search box.

# %%
if kwic_terms:
    kwic_table = cached(kwic, cache)(units, kwic_terms, window=kwic_window, langs=langs, aliases=aliases,
                      lemmatize=lemmatize)
    save_table(kwic_table[["doc_id", "outlet", "voice", "seq", "left", "match", "right", "term"]],
               "concordance-kwic", tab_dir, latex=False,
               caption=f"Every occurrence of {', '.join(kwic_terms)} with {kwic_window} tokens each "
                       f"side, in document order ({len(kwic_table)} lines, "
                       f"{kwic_table['doc_id'].nunique()} documents).")
    display(kwic_table[["doc_id", "voice", "left", "match", "right"]])
else:
    display(Markdown("No `kwic_terms` given: no concordance table."))

# %% [markdown]
# ## Term explorer
#
# An interactive page (after scattertext, Kessler 2017) comparing two groups of units: each
# term is a point placed by its frequency among `explorer_a` (x) and `explorer_b` (y) as rank
# percentiles, coloured by its Fightin' Words z-score; a search box finds a term, and a click
# shows its contexts. It is written to `interactive/` and linked from the run's `index.html`.

# %%
grouped = (add_period(units, load_docs(raw_dir or None, manifest or None), bins=explorer_periods or None)
           if explorer_by == "period" else units)
if {explorer_a, explorer_b} <= set(grouped[explorer_by].astype(str)):
    ex_terms = cached(explorer_terms, cache)(grouped, by=explorer_by, a=explorer_a, b=explorer_b, min_count=2,
                                             counts=by_voice if explorer_by == "voice" else None, **tok)
    ex_pick = set(ex_terms["term"].head(150)) | set(ex_terms["term"].tail(150)) | set(
        ex_terms.assign(total=ex_terms["count_a"] + ex_terms["count_b"]).nlargest(150, "total")["term"])
    ex_contexts = cached(explorer_contexts, cache)(grouped, ex_pick, by=explorer_by, a=explorer_a, b=explorer_b,
                                    window=kwic_window, aliases=aliases, lemmatize=lemmatize)
    ex_name = f"term-explorer-{explorer_by}-{explorer_a}-vs-{explorer_b}".replace(" ", "-").replace("/", "-")
    ex_page = save_explorer(
        explorer_html(ex_terms, ex_contexts, label_a=explorer_a, label_b=explorer_b,
                      title=f"Terms of {explorer_a} against {explorer_b} ({explorer_by})",
                      note=f"{explorer_a}: {ex_terms.attrs['n_a']:,} counted tokens in {ex_terms.attrs['docs_a']} "
                           f"documents; {explorer_b}: {ex_terms.attrs['n_b']:,} counted tokens in "
                           f"{ex_terms.attrs['docs_b']} documents; {len(ex_terms):,} terms seen at least twice "
                           f"({forms}, stopwords removed). Colour: Fightin' Words z (blue: more among "
                           f"{explorer_a}, orange: more among {explorer_b}); |z| > 1.96 is the usual "
                           "uncorrected threshold, and with this few tokens most z are small."),
        ex_name, paths.output_dirs(out_dir)[0].parent / "interactive")
    display(Markdown(f"The explorer ({len(ex_terms):,} terms, contexts for {ex_contexts['term'].nunique()} of them) "
             f"is `interactive/{ex_page.name}`. Terms at the edges are used by one group only; with "
             f"{ex_terms.attrs['n_a']:,} and {ex_terms.attrs['n_b']:,} counted tokens most of them are "
             "seen two or three times, so read their contexts before reading anything into them."))
else:
    display(Markdown(f"No term explorer: this run has no units of {explorer_by} {explorer_a!r} and "
                     f"{explorer_b!r} both (voices {voices}, outlets {outlets or 'all'})."))

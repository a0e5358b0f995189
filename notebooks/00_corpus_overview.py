# %% [markdown]
# # 00 · Corpus overview and cleaning audit
#
# **Question.** What is in the corpus — which outlets, how much article text and how much reader comment — and what did segmentation set aside as page chrome? Every later notebook rests on these units, so this one lets you check them by eye before trusting any number.

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Markdown, display

import corpuslib
from corpuslib import paths
from corpuslib.analysis import overview
from corpuslib.corpus.build import load_docs
from corpuslib.corpus.units import excluded_units, load_exclusions, select_units
from corpuslib.plots.overview import figure_units_by_document, units_by_document_caption
from corpuslib.plots.style import save_figure, save_table, use_style

pd.set_option("display.max_colwidth", 120)

# %% tags=["parameters"]
max_audit_rows: int = 200  # boilerplate units shown inline (all are saved to the table)
voices: list = ["title", "author", "quoted", "commenter"]  # voices analysed: title, author (own words), quoted (quotations in articles), commenter
langs: list = ["en"]  # language codes analysed (empty list: every language)
outlets: list = []  # outlets analysed (empty list: all)
exclude: str = ""  # YAML of units excluded with a reason (empty: data/exclude.yml; listed in notebook 00)
out_dir: str = "outputs/interactive"  # where figures/ and tables/ go (relative to the project root)
raw_dir: str = ""  # folder of raw pages (empty: the bundled corpus in data/raw)
manifest: str = ""  # manifest CSV (empty: data/manifest.csv)

# %% [markdown]
# ## Documents per outlet
#
# The corpus is built (or read from its cache) from the raw pages and the manifest. Pages that could not be read are counted as skipped, never silently dropped.

# %%
fig_dir, tab_dir = paths.output_dirs(out_dir)
use_style()
segments = corpuslib.load_segments(raw_dir or None, manifest or None)
docs = load_docs(raw_dir or None, manifest or None)
per_outlet = overview.docs_per_outlet(docs)
save_table(per_outlet, "corpus-docs-per-outlet", tab_dir, caption="Documents per outlet")
per_outlet

# %% [markdown]
# ### Pages with build warnings
#
# Every page the build skipped or warned about, with the reason: an undecodable file, a manifest title not found in the text, or a comment header that claims more comments than the page holds ("8 thoughts on …" with six present).

# %%
warned = overview.build_warnings(docs)
save_table(warned, "corpus-build-warnings", tab_dir, latex=False)  # the warnings are prose: CSV only
warned

# %% [markdown]
# ## Units and tokens per role
#
# Each page is cut into title, body paragraphs (split into the author's own voice and standalone quotations), comments and boilerplate. Tokens are counted with the project tokenizer (`corpuslib.tokenize`, defaults).

# %%
roles = overview.units_by_role(segments)
save_table(roles, "corpus-units-by-role", tab_dir, caption="Units, characters and tokens per role")
roles

# %% [markdown]
# ## Units per document
#
# The same counts document by document: a page whose comments were not found, or whose article was cut into boilerplate, stands out here. Up to 20 pages get a bar each; a larger corpus gets a box per role, with every page beyond the whiskers drawn as a point, and the table lists every page.

# %%
per_doc = overview.units_per_document(segments)
fig = figure_units_by_document(per_doc)
caption = units_by_document_caption(per_doc, n_units=len(segments))
save_figure(fig, "corpus-units-by-document", fig_dir, caption=caption)
save_table(per_doc, "corpus-units-by-document", tab_dir, caption="Units per document and role")
plt.show()

# %%
Markdown(overview.describe_sample(segments) + " Treat every author–commenter contrast "
         "resting on a few pages as illustrative.")

# %% [markdown]
# ## Comments per page

# %%
comments = overview.comments_per_page(segments)
save_table(comments, "corpus-comments-per-page", tab_dir, caption="Comments per page")
comments

# %% [markdown]
# Comment counts are the comments actually found on the page, not the header's claim ("8 thoughts on …" when six are present).

# %% [markdown]
# ## Languages
#
# Each unit is tagged by an offline detector (lingua, restricted to the candidate languages in `data/lexicons/layout.yml`); short units take their page's language when written in the same script. English-only lexicons later skip non-English units and say how many.

# %%
lang_table = overview.language_table(segments)
save_table(lang_table, "corpus-languages", tab_dir, caption="Units per language and role")
lang_table

# %% [markdown]
# ## Units the analyses use
#
# Notebooks 01–03 and `corpuslib count`/`sentiment` choose units the same way: by voice (`title`, `author` — the article's own words, `quoted` — quotations inside articles, `commenter`), language, outlet, and the exclusion file (`data/exclude.yml`: units a researcher set aside, each with a reason). With this notebook's parameters:

# %%
exclusions = load_exclusions(exclude)
# the selection is counted, not kept: the analyses make their own
selection = overview.selection_summary(
    segments, select_units(segments, voices=voices, langs=langs, outlets=outlets, exclude=exclusions))
save_table(selection, "corpus-selection", tab_dir,
           caption="Documents and units per voice: in the corpus, and selected by voices, "
                   "languages, outlets and the exclusion file")
selection

# %% [markdown]
# ### Excluded units
#
# Every unit the exclusion file removes, with its reason; an entry that matches no unit is listed with `n_units` 0.

# %%
excluded = excluded_units(segments, exclusions)
save_table(excluded, "corpus-excluded-units", tab_dir, latex=False)
display(Markdown(overview.describe_exclusions(excluded)))
excluded

# %% [markdown]
# ## Cleaning audit
#
# Every unit classed as boilerplate, with the layout rule that classed it. Read this list: if article or comment text appears here, fix or narrow the rule in `data/lexicons/layout.yml`.

# %%
summary = overview.audit_summary(segments)
save_table(summary, "cleaning-audit-summary", tab_dir, caption="Boilerplate per document")
summary

# %%
audit = overview.cleaning_audit(segments)
save_table(audit, "cleaning-audit", tab_dir, latex=False)
audit.head(max_audit_rows)

# %% [markdown]
# ### Units the segmenter was unsure of
#
# Units placed with confidence below 0.6 (short lines kept in or dropped from an article, comment sections found from two records, headline guesses), least confident first. Read these first when checking a build on a new site.

# %%
low = overview.low_confidence_units(segments)
save_table(low, "cleaning-low-confidence", tab_dir, latex=False)
low.head(max_audit_rows)

# %% [markdown]
# ### Repeated units
#
# Units that repeat an earlier unit of the page (`duplicate_of`), beside the role of the unit they repeat. The analyses count each of them once.

# %%
repeated = overview.repeated_units(segments)
save_table(repeated, "cleaning-repeated-units", tab_dir, latex=False)
repeated

# %% [markdown]
# Both lists are the heuristics' own doubts, not errors: a low-confidence unit is often right, and a repeat may be deliberate (a pull quote).

# %% [markdown]
# The audit shows what was removed; `raw[start:end]` of any unit (offsets into the decoded raw file) shows exactly where a unit came from. Rules are heuristics: on a new site, read this table before the analyses.

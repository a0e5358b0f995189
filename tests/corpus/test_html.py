"""HTML pages: trafilatura's text and metadata, comments from the comment markup, the build."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from corpuslib.corpus.build import build_corpus, read_segments
from corpuslib.corpus.html import extract_html, fill_metadata, is_html_file, segment_page
from corpuslib.errors import DocumentError

HTML = Path(__file__).parents[1] / "data" / "html"


def page(name: str):
    return extract_html((HTML / name).read_bytes(), name=name)


def comments(units):
    return [(u.commenter, u.comment_id, u.reply_to, u.depth) for u in units if u.role == "comment"]


def test_wordpress_comments_names_replies_and_metadata():
    p = page("wordpress.html")
    assert p.title == "The Militia Question: Why Baghdad Can’t Simply Say No to Tehran"
    assert (p.date, p.author) == ("2019-03-04", "Daniel Hartwell")
    units = segment_page(p, title=p.title)
    assert comments(units) == [
        ("Marcus T.", 1, None, 0), ("Daniel Hartwell", 2, 1, 1), ("Laila Hassan", 3, None, 0),
    ]
    first = next(u for u in units if u.role == "comment")
    assert first.text.startswith("Good piece.") and first.text.endswith("the patience for that.")
    assert "\n\n" in first.text  # its two paragraphs kept apart
    body = " ".join(u.text for u in units if u.role == "body")
    assert "Basra" not in body and "Leave a Reply" not in body and "Home" not in body
    assert not any("says:" in u.text or "Reply" == u.text for u in units)
    assert units[0].role == "title"


def test_disqus_comments_replies_and_the_date_behind_time_ago():
    p = page("disqus.html")
    assert p.encoding == "cp1252" and "“a gift to the hardliners – and to Tehran.”" in p.text
    assert p.author == "Capitol Ledger Staff"  # never a commenter, no byline date
    units = segment_page(p)
    assert comments(units) == [
        ("FreedomFirst1776", 1, None, 0), ("Ahmed K", 2, 1, 1), ("Guest", 3, None, 0),
    ]
    assert "Wednesday, May 9, 2018 8:14 AM" in p.text  # the title attribute, not "5 years ago"
    reply = [u for u in units if u.role == "comment"][1]
    assert reply.text == "The militias existed before the deal. Iran was funding Badr in the 1980s.\n\nThe money argument does not hold up."
    assert not any(w in p.text for w in ("Vote up", "Share ›", "Sort by Best"))


def test_generic_comment_classes_and_a_comment_without_a_name():
    units = segment_page(page("generic.html"))
    assert [c[0] for c in comments(units)] == ["Old Hand", None, "nasrin_k"]
    anonymous = [u for u in units if u.role == "comment"][1]
    assert anonymous.text == "Anyone who thinks Tehran wants a stable Iraq has not been paying attention.\n\nThey want a weak one."


@pytest.mark.parametrize("name", ["wordpress.html", "disqus.html", "generic.html", "malformed.html"])
def test_units_tile_the_extracted_text(name):
    p = page(name)
    units = segment_page(p)
    covered = [0] * len(p.text)
    for u in units:
        for i in range(u.start, u.end):
            covered[i] += 1
    assert [u.start for u in units] == sorted(u.start for u in units)
    assert all(covered[i] == 1 for i, ch in enumerate(p.text) if not ch.isspace())


@pytest.mark.parametrize(
    ("name", "message"),
    [("binary.html", "binary content"), ("empty.html", "no text found in the HTML")],
)
def test_unreadable_pages_raise_a_named_error(name, message):
    with pytest.raises(DocumentError, match=message) as info:
        page(name)
    assert name in str(info.value)


def test_plain_text_is_not_html():
    with pytest.raises(DocumentError, match="not HTML"):
        extract_html(b"Just a line of text, no markup.", name="a.html")
    assert is_html_file("A.HTM") and not is_html_file("a.html.txt")


def test_manifest_wins_over_page_metadata():
    p = page("wordpress.html")
    meta = fill_metadata({"title": "Mine", "published": "", "author": None}, p)
    assert meta == {"title": "Mine", "published": "2019-03-04", "author": "Daniel Hartwell"}


def test_build_writes_the_extracted_text_and_goes_on_past_bad_pages(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for f in HTML.glob("*.html"):
        shutil.copy(f, raw)
    shutil.copy(Path(__file__).parents[1] / "data" / "layouts" / "raw" / "wordpress.txt", raw)
    manifest = tmp_path / "manifest.csv"
    manifest.write_text((HTML / "manifest.csv").read_text() + "txt,wordpress.txt,Blog,,,,,\n")
    before = {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in raw.iterdir()}
    report = build_corpus(raw, manifest, tmp_path / "out")
    assert report.manifest_ok and report.n_docs == 5
    assert "binary.html: skipped (binary content (NUL or control bytes), not a text page)" in report.problems
    assert "empty.html: skipped (no text found in the HTML)" in report.problems
    docs = pd.read_parquet(tmp_path / "out" / "docs.parquet").set_index("doc_id")
    assert docs.loc["wp", "published"] == "2019-03-04" and docs.loc["wp", "author"] == "Daniel Hartwell"
    assert docs.loc["dq", "published"] == "2018-05"  # the manifest wins
    assert (docs.loc["generic", "title"], docs.loc["generic", "author"]) == ("Kerry is open to talks", "Desk")
    assert docs.loc["wp", "sha256"] == before["wordpress.html"]  # of the raw bytes
    assert docs.loc["wp", "text_file"] == "text/wp.txt" and pd.isna(docs.loc["txt", "text_file"])
    segs = read_segments(tmp_path / "out" / "segments.parquet")
    for doc_id in ("wp", "dq", "generic", "broken"):
        text = (tmp_path / "out" / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")
        for r in segs[segs.doc_id == doc_id].itertuples():
            assert text[r.start : r.end].strip()
    wp = segs[(segs.doc_id == "wp") & (segs.role == "comment")]
    assert list(wp.commenter) == ["Marcus T.", "Daniel Hartwell", "Laila Hassan"]
    assert list(wp.reply_to.astype("object").where(wp.reply_to.notna(), None)) == [None, 1, None]
    assert {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in raw.iterdir()} == before
    assert not list(raw.glob("*.txt.tmp"))


def test_a_thousand_comments_stay_fast_and_in_order():
    import re
    import time

    src = (HTML / "wordpress.html").read_text(encoding="utf-8")
    item = re.search(r'(<li id="comment-1102".*?</li>)', src, re.S).group(1)
    many = "\n".join(item.replace("1102", str(5000 + i)).replace("Laila Hassan", f"Reader {i}") for i in range(1000))
    t0 = time.perf_counter()
    p = extract_html(src.replace(item, many).encode("utf-8"), name="many.html")
    assert time.perf_counter() - t0 < 15  # about 1 s here; it was quadratic before (17 s)
    assert [c.name for c in p.comments][-3:] == ["Reader 997", "Reader 998", "Reader 999"]
    assert [c.depth for c in p.comments[:3]] == [0, 1, 0] and len(p.comments) == 1002


@pytest.mark.slow
@pytest.mark.heavy  # the notebooks' own tests run them; this adds the HTML reader in front
def test_an_html_page_flows_through_all_four_notebooks(tmp_path):
    from corpuslib import paths
    from corpuslib.runs.execute import run_notebooks

    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("wordpress.html", "disqus.html", "generic.html"):
        shutil.copy2(HTML / name, raw / name)
    rows = pd.read_csv(HTML / "manifest.csv", dtype=str).fillna("")
    rows[rows["file"].isin(["wordpress.html", "disqus.html", "generic.html"])].to_csv(
        tmp_path / "manifest.csv", index=False)
    runs = tmp_path / "runs.yml"
    params = f"raw_dir: {raw}\n      manifest: {tmp_path / 'manifest.csv'}"
    runs.write_text(
        "html:\n  notebooks:\n"
        + "".join(f"    {nb}:\n      {params}\n" for nb in
                  ("00_corpus_overview", "01_word_frequency", "02_framing", "03_sentiment")),
        encoding="utf-8",
    )
    result = run_notebooks(runs, out_root=tmp_path / "out", notebooks_dir=paths.NOTEBOOKS_DIR,
                           jobs=2, progress=False)
    assert result.ok, result.summary()
    per_doc = pd.read_csv(tmp_path / "out" / "html" / "tables" / "corpus-units-by-document.csv")
    assert {"wp", "dq", "generic"} <= set(per_doc["doc_id"])
    counts = pd.read_csv(tmp_path / "out" / "html" / "tables" / "sentiment-unit-counts.csv")
    assert "commenter" in set(counts["voice"])  # comments read from the HTML markup

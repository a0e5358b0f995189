"""Tests for corpuslib.corpus.evaluate and the layout gold generator (no build needed)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pandas as pd
import pytest

from corpuslib.corpus.evaluate import (
    GoldError,
    evaluate_segments,
    format_evaluation,
    load_gold,
    load_raw_texts,
)

LAYOUTS = Path(__file__).parents[1] / "data" / "layouts"
DEV = LAYOUTS / "dev"


def _make_gold():
    spec = importlib.util.spec_from_file_location("make_gold", LAYOUTS / "make_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gold() -> dict:
    return load_gold(DEV / "gold.yml")


@pytest.fixture(scope="module")
def raw_texts(gold) -> dict[str, str]:
    return load_raw_texts(gold, DEV / "raw")


def _perfect(gold: dict, raw_texts: dict[str, str]) -> pd.DataFrame:
    rows = []
    for page in gold["pages"]:
        comments = {c["id"]: c for c in page["comments"]}
        for seq, span in enumerate(page["spans"]):
            role = span["role"]
            c = comments.get(span["comment_id"]) if role == "comment" else None
            rows.append({
                "doc_id": page["doc_id"], "outlet": "x", "seq": seq,
                "role": {"quote": "body", "header": "boilerplate"}.get(role, role),
                "quoted": role == "quote",
                "comment_id": c["id"] if c else None,
                "commenter": c["commenter"] if c else None,
                "reply_to": c["reply_to"] if c else None,
                "depth": c["depth"] if c else None,
                "start": span["start"], "end": span["end"],
                "text": " ".join(raw_texts[page["doc_id"]][span["start"]:span["end"]].split()),
            })
    df = pd.DataFrame(rows)
    for col in ("comment_id", "reply_to", "depth"):
        df[col] = df[col].astype("Int64")
    return df


def test_dev_set_is_big_and_varied(gold):
    pages = gold["pages"]
    assert len(pages) >= 22
    assert len({p["layout"] for p in pages}) >= 16
    encodings = {p["encoding"] for p in pages}
    assert {"cp1252", "utf-16", "utf-8+cp1252"} <= encodings
    assert {"crlf", "cr"} <= {p["newline"] for p in pages}
    assert any(p["n_comments"] == 0 for p in pages)
    assert any(p["title"] is None for p in pages)


def test_perfect_prediction_scores_one(gold, raw_texts):
    ev = evaluate_segments(_perfect(gold, raw_texts), gold, raw_texts)
    assert ev.fact_accuracy == 1.0, format_evaluation(ev)
    scored = ev.roles.dropna(subset=["f1"])
    assert (scored["f1"] == 1.0).all()
    assert (ev.pages["accuracy"] == 1.0).all()


def test_everything_body_scores_low_and_comment_facts_fail(gold, raw_texts):
    rows = [{"doc_id": p["doc_id"], "role": "body", "seq": 0, "start": 0,
             "end": len(raw_texts[p["doc_id"]]), "text": raw_texts[p["doc_id"]], "quoted": False}
            for p in gold["pages"]]
    ev = evaluate_segments(pd.DataFrame(rows), gold, raw_texts)
    assert ev.fact_accuracy < 0.3
    facts = ev.facts
    commenter = facts[facts["fact"].str.endswith("commenter")]
    assert len(commenter) > 50 and not commenter["ok"].any()
    commented = {p["doc_id"] for p in gold["pages"] if p["n_comments"]}
    with_comments = facts[(facts["fact"] == "n_comments") & facts["doc_id"].isin(commented)]
    assert len(with_comments) == len(commented)
    assert not with_comments["ok"].any()
    roles = ev.roles.set_index("role")
    assert roles.loc["body", "recall"] == 1.0
    assert roles.loc["body", "precision"] < 0.7
    assert roles.loc["comment", "recall"] == 0.0
    report = format_evaluation(ev)
    assert "fact accuracy" in report and "commenter" in report


def test_missing_page_fails_its_facts(gold, raw_texts):
    perfect = _perfect(gold, raw_texts)
    first = gold["pages"][0]["doc_id"]
    ev = evaluate_segments(perfect[perfect["doc_id"] != first], gold, raw_texts)
    page = ev.pages.set_index("doc_id").loc[first]
    assert not page["built"] and page["accuracy"] < 0.5
    assert "page missing" in format_evaluation(ev)


def test_leak_and_wrong_commenter_are_caught(gold, raw_texts):
    df = _perfect(gold, raw_texts)
    page = next(p for p in gold["pages"] if p["n_comments"] and p["must_not_leak"])
    body_row = df.index[(df["doc_id"] == page["doc_id"]) & (df["role"] == "body")][0]
    df.loc[body_row, "text"] = df.loc[body_row, "text"] + " " + page["must_not_leak"][0]
    comment_row = df.index[(df["doc_id"] == page["doc_id"]) & (df["role"] == "comment")][0]
    df.loc[comment_row, "commenter"] = "Somebody Else"
    failed = evaluate_segments(df, gold, raw_texts).facts.query("not ok")
    assert set(failed["doc_id"]) == {page["doc_id"]}
    assert any(failed["fact"].str.startswith("no leak")) and any(failed["fact"].str.endswith("commenter"))


def test_generator_round_trips(tmp_path):
    make_gold = _make_gold()
    for src in sorted((DEV / "src").glob("*.page")):
        header, blocks = make_gold.parse_page(src)
        row, page, raw = make_gold.build_page(src)
        text = make_gold.decode_raw(raw, header["encoding"])
        newline = make_gold.NEWLINES[header["newline"]]
        nonblank = [b for b in blocks if "".join(b["lines"]).strip()]
        assert len(nonblank) == len(page["spans"])
        for block, span in zip(nonblank, page["spans"]):
            assert text[span["start"]:span["end"]] == newline.join(block["lines"]).strip()
            assert span["role"] == block["role"]
        assert (DEV / "raw" / row["file"]).read_bytes() == raw, f"{src.name}: run make_gold.py"


def test_generator_is_deterministic_and_matches_committed_files(tmp_path):
    make_gold = _make_gold()
    copy = tmp_path / "dev"
    shutil.copytree(DEV / "src", copy / "src")
    make_gold.build_set(copy)
    for name in ("gold.yml", "manifest.csv"):
        assert (copy / name).read_bytes() == (DEV / name).read_bytes(), f"{name}: run make_gold.py"


def test_bad_gold_names_file_and_page(tmp_path):
    bad = tmp_path / "gold.yml"
    bad.write_text("pages:\n- doc_id: p1\n  file: p1.txt\n  n_comments: 2\n  comments: []\n"
                   "  must_not_leak: []\n  spans: []\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"gold\.yml: page p1: n_comments 2"):
        load_gold(bad)


def test_commenter_handles_match_with_or_without_the_at_sign(gold, raw_texts):
    df = _perfect(gold, raw_texts)
    page = next(p for p in gold["pages"] if any(c["commenter"] for c in p["comments"]))
    rows = df.index[(df["doc_id"] == page["doc_id"]) & (df["role"] == "comment") & df["commenter"].notna()]
    df.loc[rows, "commenter"] = "@" + df.loc[rows, "commenter"]
    assert evaluate_segments(df, gold, raw_texts).facts.query("doc_id == @page['doc_id']")["ok"].all()
    df.loc[rows[:1], "commenter"] = "@@" + df.loc[rows[:1], "commenter"]
    assert not evaluate_segments(df, gold, raw_texts).facts["ok"].all()

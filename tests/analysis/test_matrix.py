"""Document-feature matrices: .npz and .mtx agree with the counts table; metadata in docvars."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest
import scipy.io
import scipy.sparse

from corpuslib import paths
from corpuslib.analysis.counts import term_counts
from corpuslib.analysis.matrix import add_docvars, document_feature_matrix, write_matrix
from corpuslib.cli import main
from corpuslib.corpus.build import build_corpus
from corpuslib.corpus.units import select_units
from corpuslib.errors import CorpuslibError


def test_mtx_and_npz_sums_match_the_counts_table(seed_segments, tmp_path):
    units = select_units(seed_segments, voices=["author", "commenter"])
    dfm = document_feature_matrix(units, stopwords=True)
    files = write_matrix(dfm, tmp_path / "dfm")
    mtx = scipy.io.mmread(files["mtx"]).tocsr()
    npz = scipy.sparse.load_npz(files["npz"])
    assert (mtx != npz).nnz == 0
    features = files["features"].read_text(encoding="utf-8").splitlines()
    docvars = pd.read_csv(files["docvars"])
    assert mtx.shape == (len(docvars), len(features))
    counts = term_counts(seed_segments, by="doc_id", voices=["author", "commenter"], stopwords=True)
    per_doc = counts.groupby("doc_id")["count"].sum()
    rows = pd.Series(np.asarray(mtx.sum(axis=1)).ravel(), index=docvars["doc_id"])
    assert rows.to_dict() == per_doc.to_dict()
    assert (rows.to_numpy() == docvars["n_tokens"].to_numpy()).all()
    per_term = counts.groupby("term")["count"].sum()
    cols = pd.Series(np.asarray(mtx.sum(axis=0)).ravel(), index=features)
    assert cols.sort_index().to_dict() == per_term.sort_index().to_dict()
    assert set(docvars["outlet"]) == set(units["outlet"])


def test_rows_by_doc_and_voice_with_docs_metadata(seed_segments):
    docs = pd.DataFrame({"doc_id": sorted(seed_segments["doc_id"].unique())})
    docs["published"] = "2014"
    units = select_units(seed_segments, voices=["author", "commenter"])
    dfm = document_feature_matrix(units, by=["doc_id", "voice"], docs=docs)
    assert list(dfm.docvars.columns[:5]) == ["doc_name", "doc_id", "outlet", "published", "voice"]
    assert dfm.docvars["doc_name"].is_unique and "|commenter" in "".join(dfm.docvars["doc_name"])
    long = dfm.to_long()
    assert long["count"].sum() == dfm.matrix.sum()


def test_bytes_are_reproducible_and_bad_options_named(tmp_path):
    units = pd.DataFrame({"doc_id": ["a", "b"], "lang": ["en", "en"], "text": ["Iran Iraq", "=cmd Iraq"],
                          "outlet": ["=X", "Y"]})  # fmt: skip
    first = write_matrix(document_feature_matrix(units), tmp_path / "one")
    second = write_matrix(document_feature_matrix(units), tmp_path / "two")
    for key in first:
        assert hashlib.sha256(first[key].read_bytes()).digest() == hashlib.sha256(second[key].read_bytes()).digest()
    assert "'=X" in first["docvars"].read_text()  # a formula-like cell is neutralised
    with pytest.raises(CorpuslibError, match="no column"):
        document_feature_matrix(units, by="period")
    with pytest.raises(CorpuslibError, match="empty"):
        document_feature_matrix(units.iloc[:0])


def test_add_docvars_keeps_existing_columns():
    t = pd.DataFrame({"doc_id": ["a"], "outlet": ["mine"], "term": ["x"]})
    d = pd.DataFrame({"doc_id": ["a"], "outlet": ["theirs"], "title": ["T"]})
    assert add_docvars(t, d).to_dict("records") == [{"doc_id": "a", "outlet": "mine", "title": "T", "term": "x"}]
    assert add_docvars(t.drop(columns="doc_id"), d).columns.tolist() == ["outlet", "term"]


def test_cli_dfm_and_count_with_document_metadata(tmp_path):
    out = tmp_path / "build"
    build_corpus(paths.RAW_DIR, paths.MANIFEST, out)
    seg = str(out / "segments.parquet")
    assert main(["dfm", "--segments", seg, "--out", str(tmp_path / "m" / "dfm"), "--voices", "author"]) == 0
    docvars = pd.read_csv(tmp_path / "m" / "dfm-docvars.csv")
    assert {"doc_id", "outlet", "published", "url", "n_tokens"} <= set(docvars.columns)
    mtx = scipy.io.mmread(tmp_path / "m" / "dfm.mtx")
    assert mtx.shape[0] == len(docvars) == 5
    assert main(["count", "--segments", seg, "--by", "doc_id,voice", "--out", str(tmp_path / "c.csv")]) == 0
    counts = pd.read_csv(tmp_path / "c.csv")
    assert counts.columns[:6].tolist() == ["doc_id", "outlet", "published", "title", "author", "url"]
    by_doc = counts.groupby("doc_id")["count"].sum()
    assert main(["dfm", "--segments", seg, "--out", str(tmp_path / "all"), "--by", "doc_id"]) == 0
    all_docvars = pd.read_csv(tmp_path / "all-docvars.csv").set_index("doc_id")
    assert all_docvars["n_tokens"].to_dict() == by_doc.to_dict()

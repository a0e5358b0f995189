"""Comment records and their names (corpuslib.corpus.records), on small made-up lines."""

from corpuslib.corpus import records
from corpuslib.corpus.records import Record


def test_an_outline_number_before_the_name_is_the_posts_number():
    assert [records._clean_name(n) for n in ("2. mira_k", "2.3. mira_k", "4.1.2. Otto Lind", "#7 Otto Lind")] == [
        "mira_k", "mira_k", "Otto Lind", "Otto Lind"]
    assert records._clean_name("1.5 Otto") == "1.5 Otto"  # a number with no outline dot stays


def test_a_posters_address_in_parentheses_is_a_badge():
    assert records._clean_name("Otto Lind (IP: 10.41.***.***)") == "Otto Lind"
    assert records._clean_name("mira_k (192.168.x.x)") == "mira_k"
    assert records._clean_name("Otto (Oulu)") == "Otto (Oulu)"


def test_count_bars_are_repeated_lines_whose_counts_change():
    lines = ["Svara  +4  -1", "mira_k", "Svara  +12  -0", "Otto Lind 2 posts", "Svara  +3  -3",
             "Otto Lind 2 posts", "Otto Lind 2 posts", "Page 2"]
    bars = records.count_bars(lines)
    assert records._closer_key("Svara  +4  -1") in bars
    assert records._closer_key("Otto Lind 2 posts") not in bars  # the same count each time: a name's line
    assert records._closer_key("1.2K readers") == records._closer_key("310 readers")


def test_a_label_and_preposition_before_different_names_is_dropped():
    lines = ["Reactie van mira_k", "Antwoord van Otto Lind", "Reactie van Otto Lind", "Antwoord van Els B.",
             "Meer reacties (3)", "Reactie van pj.berg", "1 uur geleden"]
    recs = [Record([i], line, "stacked") for i, line in enumerate(lines[:4])] + [
        Record([4, 5, 6], "Meer reacties", "stacked")]
    records.names_after_labels(recs, lines)
    assert [r.name for r in recs] == ["mira_k", "Otto Lind", "Otto Lind", "Els B.", "pj.berg"]


def test_a_particle_of_one_family_name_is_no_label():
    lines = ["Pieter van Dijk", "Jan de Vries", "Pieter van Dijk", "Els Bos"]
    recs = [Record([i], line, "stacked") for i, line in enumerate(lines)]
    records.names_after_labels(recs, lines)
    assert [r.name for r in recs] == lines


def test_a_bracketed_tail_after_different_names_is_a_badge_a_single_one_a_town():
    recs = [Record([i], name, "inline") for i, name in
            enumerate(["Otto (vieras)", "mira_k (vieras)", "Otto (vieras)", "Els B. (Oulu)", "pj.berg", "Ann Lee"])]
    records.drop_shared_name_words(recs)
    assert [r.name for r in recs] == ["Otto", "mira_k", "Otto", "Els B. (Oulu)", "pj.berg", "Ann Lee"]


def test_a_mail_sender_filed_by_surname_is_named_first_name_first():
    assert records._mail_name('"Reyes, Tomas" <treyes@harbour.example>') == "Tomas Reyes"
    assert records._mail_name("Olga Petrova <olga@harbour.example>") == "Olga Petrova"
    assert records._mail_name('"Harbour Board, Press Office, Quay 4" <press@harbour.example>') == (
        "Harbour Board, Press Office, Quay 4")  # no two-part name to turn

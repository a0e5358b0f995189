"""Tests of comment records found by structure (corpuslib.corpus.records)."""

from __future__ import annotations

import os
import subprocess
import sys

from corpuslib.corpus import records, signals
from corpuslib.corpus.records import Record

NUMBERED = [
    "The payroll bill passed in a night session after the Kurdish blocs left the hall.",
    "Comments (4)",
    "1. Ana_K  —  08.01.2020 11:02", "The payroll will double within two years, and nobody will stop it.",
    "+3 / -1  |  Odpowiedz",
    "1.1. Piotr W.  —  08.01.2020 11:40", "na komentarz [#1] od Ana_K",
    "The council never publishes the lists, so we cannot even check that.", "+5 / -0  |  Odpowiedz",
    "2. Ewa  —  08.01.2020 11:52", "A long way from the budget debate the article is about, in any case.",
    "+2 / -0  |  Odpowiedz",
    "2.1. Marta  —  08.01.2020 12:15", "na komentarz [#2] od Ewa",
    "They do publish them, but only on the notice board in the hall.", "+1 / -0  |  Odpowiedz",
    "Wczytaj więcej",
]


def test_the_last_records_text_under_a_reply_cue_line_is_kept():
    # the cue under the last header is in no known language: a short non-prose line right
    # above prose is a header remnant, not the end of the section
    section = records._kind_section(NUMBERED, [0] * len(NUMBERED), frozenset())
    last = section.records[-1]
    assert NUMBERED[last.body[-1]].startswith("They do publish them")
    assert section.end == len(NUMBERED) - 2


def test_a_time_first_line_under_a_post_is_no_header_of_a_stacked_section():
    # "time · client" under each post of a stacked thread names the app, not a poster
    page = [
        "Nadia K", "@nadia@social.example", "Jan 12, 2024, 09:14",
        "The coalition mission and the bilateral presence are not the same thing legally.",
        "Jan 12, 2024, 09:14 · Web", "14 boosts · 37 favourites",
        "Tom Reyes", "@treyes@social.example", "2h",
        "@nadia the distinction is the key point and no wire story has made it yet.",
        "Nadia K", "@nadia@social.example", "2h",
        "@treyes I doubt the framework agreement gets reopened; nobody wants that fight.",
        "Layla", "@layla@social.example", "1h",
        "@nadia the parliament vote in 2020 was not binding either, and it changed nothing.",
    ]
    section = records.find_section(page, [0] * len(page))
    assert "Web" not in [r.name for r in section.records]
    assert [r.name for r in section.records][-3:] == ["Tom Reyes", "Nadia K", "Layla"]


def test_a_time_first_header_section_is_read_on_its_own():
    page = ["The payroll bill passed in a night session after the Kurdish blocs left the hall.",
            "Comments (3)",
            "3 hours ago · Ruth A. (Leeds)", "The queue at the crossing was nine hours long on Thursday night.",
            "2 hours ago · Karen_77 (Gyumri)", "The road through the south is the only one we have left.",
            "45 minutes ago · Tigran", "A good article, thank you; what does the ministry say about it?"]
    section = records.find_section(page, [0] * len(page))
    assert section.kind == "leading" and [r.header for r in section.records] == [[2], [4], [6]]


def test_a_widget_bar_followed_by_a_thanks_line_closes_each_text():
    page = ["The payroll bill passed in a night session after the Kurdish blocs left the hall."]
    for k, (name, text, thanks) in enumerate([
            ("ana_k", "The payroll will double within two years, and nobody will stop it.", True),
            ("piotr_w", "The council never publishes the lists, so we cannot even check that.", False),
            ("ewa", "A long way from the budget debate the article is about, in any case.", True),
            ("marta", "They do publish them, but only on the notice board in the hall.", True)], 1):
        page += [f"#{k} | {name} | 14/05/2019 0{k}:41", text, "Dzięki | Cytuj | Odpowiedz"]
        page += [f"{k + 2} osoby podziękowały {name} za ten wpis"] if thanks else []
    section = records.find_section(page, [0] * len(page))
    assert [len(r.body) for r in section.records] == [1, 1, 1, 1]


def test_a_label_repeated_inside_texts_opens_the_owners_anonymous_response():
    page = ["The hotel sits on the river front, ten minutes from the airport road."]
    for name, text, answer in [
            ("Thomas", "Reliable base for oilfield work, and the generator never failed.", "Dear Thomas, thank you."),
            ("Ahmed", "The air conditioning could not keep up when it reached 50 degrees.",
             "Dear Ahmed, we have since installed a second generator."),
            ("Camille", "Personnel très accueillant, chambre propre et calme.", None)]:
        page += [name, "Reviewed: 3 April 2022", text]
        page += ["Property response:", answer] if answer else []
    section = records.find_section(page, [0] * len(page))
    got = [(r.name, page[r.body[0]][:9]) for r in section.records]
    assert got == [("Thomas", "Reliable "), (None, "Dear Thom"), ("Ahmed", "The air c"), (None, "Dear Ahme"),
                   ("Camille", "Personnel")]
    records.link_replies(section.records, page)
    assert [r.reply_to for r in section.records] == [None, 0, None, 2, None]


def test_action_bars_fields_and_tallies_inside_texts_open_no_response():
    page = ["The hotel sits on the river front, ten minutes from the airport road."]
    for name, text in [("Thomas", "Reliable base for oilfield work."), ("Ahmed", "The air conditioning struggled."),
                       ("Camille", "Personnel très accueillant.")]:
        page += [name, "Reviewed: 3 April 2022", text, "Sviđa mi se | Odgovori", "7 contributions",
                 "MIME-Version: 1.0", "The second paragraph of the same review goes on here."]
    section = records.find_section(page, [0] * len(page))
    assert [r.name for r in section.records] == ["Thomas", "Ahmed", "Camille"]


def test_time_first_headers_with_the_writers_role_are_anonymous_records():
    # employer reviews: "date - role" headers with no name
    page = ["Northgate Drilling is a contractor in southern Iraq with 1,400 staff and a training centre."]
    for date, role, job in [("Jan 28, 2024", "Current Employee, more than 3 years", "Field Engineer in Basra"),
                            ("Nov 3, 2023", "Former Employee, less than 1 year", "HSE Supervisor in Basra"),
                            ("Oct 17, 2023", "Current Employee, more than 1 year", "Technician in Zubair")]:
        page += [f"{date} - {role}", f"{job} says the training was good and the safety culture strong.",
                 "Salaries are sometimes paid six or seven weeks late in the summer.", "Helpful (4)   Share"]
    section = records.find_section(page, [0] * len(page))
    assert section.kind == "leading"
    assert [(r.name, r.header) for r in section.records] == [(None, [1]), (None, [5]), (None, [9])]
    assert signals.split_leading_time("Jan 28, 2024 - Current Employee") == ("Jan 28, 2024", "Current Employee")


def test_a_text_in_labelled_parts_is_not_split_into_responses():
    page = ["Ann", "Good training.", "Pros", "Real responsibility early.", "Cons", "Late salaries.",
            "Bo", "Hard rules.", "Pros", "Generous allowance.", "Cons", "Confined to camp."]
    recs = [records.Record([0], "Ann", "inline", body=[1, 2, 3, 4, 5]),
            records.Record([6], "Bo", "inline", body=[7, 8, 9, 10, 11])]
    assert [r.name for r in records._split_responses(recs, page)] == ["Ann", "Bo"]
    one = [records.Record([0], "Ann", "inline", body=[1, 2, 3]), records.Record([6], "Bo", "inline", body=[7, 8, 9])]
    assert [r.name for r in records._split_responses(one, page)] == ["Ann", None, "Bo", None]


def test_a_reply_label_opening_a_line_of_two_texts_opens_the_owners_answer():
    page = ["Nilufar", "I waited two hours at the border post, is that normal?",
            "Antwort: Leider ja, am Wochenende dauert es länger.",
            "Piotr", "The driver was friendly and the bus was clean.",
            "Antwort: Danke, Piotr!", "Sara", "Too cold on the night bus."]
    recs = [records.Record([0], "Nilufar", "stacked", body=[1, 2]), records.Record([3], "Piotr", "stacked", body=[4, 5]),
            records.Record([6], "Sara", "stacked", body=[7])]
    got = records._split_responses(recs, page)
    assert [(r.name, r.body, r.arrow) for r in got] == [("Nilufar", [1], False), (None, [2], True),
                                                        ("Piotr", [4], False), (None, [5], True), ("Sara", [7], False)]
    # a header under the text names the answerer, not the asker
    signed = [records.Record([3], "Ann", "repeat", body=[1, 2]), records.Record([6], "Bo", "repeat", body=[4, 5])]
    assert [r.name for r in records._split_responses(signed, page)] == [None, "Ann", None, "Bo"]


def test_a_label_of_other_words_or_on_one_record_only_opens_no_answer():
    page = ["Nilufar", "I waited two hours at the border post.", "Edit: it was three hours.",
            "Piotr", "The driver was friendly.", "Edit: and the bus was clean.",
            "Sara", "Too cold on the night bus.", "Reply: we will check the heating."]
    recs = [records.Record([0], "Nilufar", "stacked", body=[1, 2]), records.Record([3], "Piotr", "stacked", body=[4, 5]),
            records.Record([6], "Sara", "stacked", body=[7, 8])]
    assert [r.name for r in records._split_responses(recs, page)] == ["Nilufar", "Piotr", "Sara"]


def test_a_user_card_under_a_nameless_answer_names_its_writer():
    page = ["The first answer explains the tariff schedule in some detail.", "edited Mar 2, 2021 at 10:05",
            "answered Mar 1, 2021 at 09:12", "Noor Haddad", "2,410 reputation",
            "A second answer, shorter, about the customs form.", "answered Mar 3, 2021 at 17:40", "kofi.m",
            "A third answer without any card.", "Delete", "Reply"]
    recs = [records.Record([0], None, "tail", body=[0], chrome=[1, 2, 3, 4]),
            records.Record([5], None, "tail", body=[5], chrome=[6, 7]),
            records.Record([8], None, "tail", body=[8], chrome=[9, 10])]
    records._names_on_cards(recs, page)
    assert [r.name for r in recs] == ["Noor Haddad", "kofi.m", None]


def test_a_widget_line_under_a_time_in_every_record_is_no_card():
    page = ["Thank you for this.", "December 4, 2019 at 1:12 AM", "Delete", "Reply",
            "Stay safe.", "December 6, 2019 at 6:51 AM", "Delete", "Reply"]
    recs = [records.Record([0], None, "verb", body=[0], chrome=[1, 2, 3]),
            records.Record([4], None, "verb", body=[4], chrome=[5, 6, 7])]
    records._names_on_cards(recs, page)
    assert [r.name for r in recs] == [None, None]


def test_name_and_verb_lines_inside_review_texts_open_replies_to_that_review():
    page = ["A documentary about the reconstruction contracts, told through the auditors' notebooks."]
    for name, text, replies in [
            ("mirela_k", "The archive footage of the power station is the best part of it.", []),
            ("Yusuf A.", "I lived in Basra then, and the queues for fuel were exactly like this.",
             [("tomas_b", "Thank you for writing this, it makes the film hit harder."),
              ("Lena Vogt", "Yusuf, would your family talk to us for the extended cut?"),
              ("Yusuf A.", "I will ask them tonight, they may well say yes to it.")]),
            ("oskar", "Worthy subject, but far too long in the middle part of the film.", [])]:
        page += [f"Review by {name} ★★★", "Watched 12 Mar 2021", text, "♥ 14 likes"]
        for who, answer in replies:
            page += [f"{who} replied", answer]
    section = records.find_section(page, [0] * len(page))
    assert [r.name for r in section.records] == ["mirela_k", "Yusuf A.", "tomas_b", "Lena Vogt", "Yusuf A.", "oskar"]
    depths = records._depths_from_indent(section.records)
    assert depths == [0, 0, 1, 1, 1, 0]
    # one such line, or the same name three times, is text: a reader quoting a name
    recs = [records.Record([0], "Ann", "inline", body=[1, 2, 3]), records.Record([4], "Bo", "inline", body=[5, 6, 7])]
    text = ["Ann", "First point made here at some length today.", "tomas_b replied",
            "Then he said that it was all a mistake, again.", "Bo", "Another long text line goes here now.",
            "tomas_b replied", "And so on until the evening came to an end."]
    assert [r.name for r in records._split_verb_replies(recs, text)] == ["Ann", "Bo"]


def test_indented_one_line_headers_inside_motif_records_open_records_of_their_own():
    page = ["Mark T.", "4.0 out of 5 stars  Dense but worth it",
            "The chapters on the restricted accounts are the best explanation I have found anywhere.",
            "Helpful   Report", "2 comments",
            "    Jonathan H. says:", "    Thank you, Mark. The maps are on the book's website.", "    Report abuse",
            "    R. Okafor says:", "    Could you post the link? I could not find them.", "    Report abuse",
            "Samira", "5.0 out of 5 stars  Finally a book on sanctions",
            "I teach a seminar on economic statecraft and this is going on the syllabus.", "Helpful   Report"]
    indents = [len(c) - len(c.lstrip()) for c in page]
    contents = [c.strip() for c in page]
    def motif():
        return [records.Record([0, 1], "Mark T.", "repeat", body=[2, 4, 5, 6, 8, 9], chrome=[3, 7, 10]),
                records.Record([11, 12], "Samira", "repeat", body=[13], chrome=[14])]

    got = records._split_nested(motif(), contents, indents)
    assert [(r.name, r.body, r.chrome) for r in got] == [
        ("Mark T.", [2, 4], [3]), ("Jonathan H.", [6], [7]), ("R. Okafor", [9], [10]), ("Samira", [13], [14])]
    flat = [0] * len(page)  # not indented under the review: its own text, not a thread
    assert len(records._split_nested(motif(), contents, flat)) == 2


def test_a_copy_of_a_writers_earlier_message_under_their_name_is_chrome_of_the_record_above():
    page = ["Haidar, thanks for starting this thread on the waiver.",
            "From conversations last week: the ministry is assuming the =", "waiver will be renewed.",
            "Peter M. agrees with the ministry and says the banks are slow.",
            "Haidar, thanks for starting this thread on the waiver.",
            "From conversations last week: the ministry is assuming the waiver will be renewed ...",
            "This e-mail and any attachments are confidential and for the addressee only.",
            "Selin replies that the banks are not slow but careful, and for good reason."]
    recs = [records.Record([], "Haidar", "mail", body=[0, 1, 2]), records.Record([], "Peter", "mail", body=[3]),
            records.Record([], "Haidar", "mail", body=[4, 5, 6]), records.Record([], "Selin", "mail", body=[7])]
    got = records._merge_quoted_copies(recs, page)
    assert [r.name for r in got] == ["Haidar", "Peter", "Selin"] and got[1].chrome == [4, 5, 6]
    # a reply quoting someone else's words is a record of its own
    recs = [records.Record([], "Haidar", "mail", body=[0, 1, 2]), records.Record([], "Peter", "mail", body=[4, 5, 6])]
    assert len(records._merge_quoted_copies(recs, page)) == 2


def test_a_comment_hidden_without_a_verb_is_a_placeholder():
    page = ["The turnout was the lowest since the revolution, and the council barred most reformists.",
            "ann_b · 3 days ago", "The point about the president's office is underrated in most coverage.",
            "troll99 · 3 days ago", "comment hidden due to low ratings", "Reveal Comment",
            "tigris · 2 days ago", "Good post. One correction: turnout was 48.8 percent, not below half."]
    section = records.find_section(page, [0] * len(page))
    assert [(r.name, r.placeholder) for r in section.records] == [
        ("ann_b", False), ("troll99", True), ("tigris", False)]


def test_an_outline_number_before_the_name_is_the_posts_number():
    assert [records._clean_name(n) for n in ("2. mira_k", "2.3. mira_k", "4.1.2. Otto Lind", "#7 Otto Lind")] == [
        "mira_k", "mira_k", "Otto Lind", "Otto Lind"]
    assert records._clean_name("1.5 Otto") == "1.5 Otto"  # a number with no outline dot stays


def test_a_posters_address_in_parentheses_is_a_badge():
    assert records._clean_name("Otto Lind (IP: 10.41.***.***)") == "Otto Lind"
    assert records._clean_name("mira_k (192.168.x.x)") == "mira_k"
    assert records._clean_name("Otto (Oulu)") == "Otto (Oulu)"


def test_a_posters_website_in_brackets_is_no_part_of_the_name():
    assert records._clean_name("Otto Lind (https://otto.example.fi)") == "Otto Lind"
    assert records._clean_name("mira_k [www.mira.example]") == "mira_k"
    assert records._clean_name("Otto (Oulu)") == "Otto (Oulu)"


def test_a_widget_link_in_brackets_after_the_name_is_no_part_of_it():
    assert records._clean_name("Ivo Berg (Link)") == "Ivo Berg"
    assert records._clean_name("Ivo Berg (Oslo)") == "Ivo Berg (Oslo)"


def test_names_signing_the_text_above_win_a_tie_with_headers_read_over_the_text_below():
    page = [
        "The harbour board approved the new quay on Tuesday after a long and noisy debate.",
        "Critics said the cost had doubled since the plan was first shown to the town.",
        "Comments",
        "My brother works on the old quay and nobody asked the crews what they think of it.",
        "#1 Rosa Lind on 2021-05-03 09:10",
        "(Reply)",
        "Rosa, the crews were asked in March, the minutes are on the board's site.",
        "#1.1 Ivo Berg (Link) on 2021-05-03 10:02",
        "(Reply)",
        "Thanks, I will look.",
        "#1.1.1 Rosa Lind on 2021-05-03 10:40",
        "(Reply)",
        "The cost has doubled because the steel price doubled, nothing more to it.",
        "#2 Tomas Ek (Link) on 2021-05-04 07:22",
        "(Reply)",
        "Add Comment", "Archives", "May 2021", "April 2021", "Categories",
    ]
    section = records.find_section(page, [0] * len(page))
    assert [(r.name, r.body) for r in section.records] == [
        ("Rosa Lind", [3]), ("Ivo Berg", [6]), ("Rosa Lind", [9]), ("Tomas Ek", [12])]
    plain = page[:3] + [page[3], "Rosa Lind, 2021-05-03 09:10", "Reply", page[6], "Ivo Berg, 2021-05-03 10:02", "Reply",
                        page[9], "Tomas Ek, 2021-05-04 07:22", "Reply", "Archives"]
    section = records.find_section(plain, [0] * len(plain))
    assert [r.name for r in section.records] == ["Rosa Lind", "Ivo Berg", "Tomas Ek"]


def test_the_journal_owners_name_in_the_page_header_and_a_parent_link_in_a_repeated_record():
    # the owner answers twice; her name heads the page too: a name, not a template line; the
    # records' "(Parent)" link makes them replies even when read from the repeated motif
    page = ["kari_nord", "Harbour notes", "kari_nord",
        "The harbour board approved the new quay on Tuesday after a long and noisy debate.",
        "Critics said the cost had doubled since the plan was first shown to the town.",
        "The mayor said the quay would open next spring if the weather allowed the works.",
        "The union asked for a new survey of the crews before any more money is spent.",
        "Tags: harbour, quay", "3 comments", "Share", "Comments",
        "ivo_b", "Date: 2021-05-03 10:02 am (UTC)", "Who pays for the dredging of the old basin then?", "(Reply) (Thread)",
        "kari_nord", "Date: 2021-05-03 10:40 am (UTC)", "The port does, out of the fees it raised last year.", "(Reply) (Thread) (Parent)",
        "ivo_b", "Date: 2021-05-03 11:15 am (UTC)", "Then the fees will go up again, I am sure of it.", "(Reply) (Thread) (Parent)",
        "kari_nord", "Date: 2021-05-03 11:52 am (UTC)", "Not this year, the budget is already fixed.", "(Reply) (Thread) (Parent)",
        "rosa_l", "Date: 2021-05-04 08:05 am (UTC)", "The crews on the old quay were never asked about any of it.", "(Reply) (Thread)",
        "tomas_e", "Date: 2021-05-04 09:30 am (UTC)", "They were asked in March, the minutes are online.", "(Reply) (Thread) (Parent)",
        "lena_s", "Date: 2021-05-05 07:00 am (UTC)", "Good to see the plan move at last after all these years.", "(Reply) (Thread)",
        "Archive"]
    section = records.find_section(page, [0] * len(page))
    assert [r.name for r in section.records] == ["ivo_b", "kari_nord", "ivo_b", "kari_nord", "rosa_l", "tomas_e", "lena_s"]
    assert [r.parent_link for r in section.records] == [False, True, True, True, False, True, False]
    assert section.kind == "repeat"


def test_a_badge_set_apart_from_the_name_by_a_wide_gap_is_no_part_of_it():
    assert records._clean_name("Otto Lind  Moderator") == "Otto Lind"
    assert records._clean_name("mira_k   ✔ Verificat") == "mira_k"
    assert records._clean_name("Otto Lind Moderator") == "Otto Lind Moderator"  # one space: maybe a name
    assert records._clean_name("Otto Lind  wrote from Oulu today") == "Otto Lind  wrote from Oulu today"  # no badge


def test_a_masked_address_in_a_field_of_its_own_is_no_part_of_the_name():
    assert records._clean_name("Otto Lind | 85.12.xxx.xxx") == "Otto Lind"
    assert records._clean_name("mira_k · IP: 10.4.*.*") == "mira_k"
    assert records._clean_name("Otto | Oulu") == "Otto | Oulu"  # no address: the field stays


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


def test_a_capitalised_word_every_different_poster_shares_is_the_headers_caption():
    # an avatar's caption read as the header ("Bildo Ann"): three different posters share no name part
    recs = [Record([i], name, "stacked") for i, name in
            enumerate(["Bildo Tarro Veen", "Bildo mira_k", "Bildo Oskar", "Bildo Tarro Veen"])]
    records.drop_shared_name_words(recs)
    assert [r.name for r in recs] == ["Tarro Veen", "mira_k", "Oskar", "Tarro Veen"]
    recs = [Record([i], name, "stacked") for i, name in enumerate(["Van Berg", "Van Dalen", "Otto"])]
    records.drop_shared_name_words(recs)
    assert [r.name for r in recs] == ["Van Berg", "Van Dalen", "Otto"]  # two may be one family


def test_lower_case_words_that_each_end_different_names_are_the_headers_verbs():
    # one verb heads a comment, another a reply: neither ends all but one of the names
    recs = [Record([i], name, "inline") for i, name in
            enumerate(["Tarro Veen kirjoitti", "Oskar vastasi", "mira_k kirjoitti", "Tarro Veen vastasi"])]
    records.drop_shared_name_words(recs)
    assert [r.name for r in recs] == ["Tarro Veen", "Oskar", "mira_k", "Tarro Veen"]
    recs = [Record([i], name, "inline") for i, name in enumerate(["ann lee", "bo lee", "Otto", "Els B."])]
    records.drop_shared_name_words(recs)
    assert [r.name for r in recs] == ["ann lee", "bo lee", "Otto", "Els B."]  # too few to be verbs


def test_a_mail_sender_filed_by_surname_is_named_first_name_first():
    assert records._mail_name('"Reyes, Tomas" <treyes@harbour.example>') == "Tomas Reyes"
    assert records._mail_name("Olga Petrova <olga@harbour.example>") == "Olga Petrova"
    assert records._mail_name('"Harbour Board, Press Office, Quay 4" <press@harbour.example>') == (
        "Harbour Board, Press Office, Quay 4")  # no two-part name to turn


def test_a_town_after_a_field_separator_is_dropped_where_most_names_carry_one():
    # "1.  Ilse V. · Gent · 03.02.2022 - 09:10": the header's date was split off, the town stays
    recs = [Record([0], "Ilse V. · Gent", "inline"), Record([5], "bram_k · Brugge", "inline"),
            Record([9], "Ilse V. · Gent", "inline"), Record([14], "Noor", "inline")]
    records.drop_shared_name_words(recs)
    assert [r.name for r in recs] == ["Ilse V.", "bram_k", "Ilse V.", "Noor"]
    recs = [Record([0], "Ilse V. · Gent", "inline"), Record([5], "bram_k", "inline"), Record([9], "Noor", "inline")]
    records.drop_shared_name_words(recs)
    assert recs[0].name == "Ilse V. · Gent"  # one such name among plain ones is kept as written


def test_a_post_label_alone_above_each_header_numbers_the_post_for_number_cues():
    # "#N" printed over each card ends the card above unless read as the label of the next;
    # the "#1" inside a reply's header is the post it answers, not its own number
    page = [
        "The ferry timetable changes on Monday and the night crossing is dropped until May.",
        "Reader comments (4)",
        "#1", "Tove Lind", "12.03.2021 kl. 09:14",
        "The night crossing was the only one that suited shift workers on the island.", "Svara · 3",
        "#2", "Oskar L", "12.03.2021 kl. 09:40", "→ svar till #1",
        "Shift workers can take the early boat, it leaves before six anyway.", "Svara · 1",
        "#4", "Maja", "12.03.2021 kl. 10:02",
        "Will the freight lorries move to the early boat as well, or to the mainland route?", "Svara · 0",
        "#5", "Tove Lind", "12.03.2021 kl. 10:30", "→ svar till #2",
        "Before six is not early enough for the hospital shift that starts at six.", "Svara · 2",
        "Terms of use · Privacy",
    ]
    section = records.find_section(page, [0] * len(page))
    assert [r.num for r in section.records] == [1, 2, 4, 5]
    assert [r.reply_num for r in section.records] == [None, 1, None, 2]
    assert [page[r.header[0]] for r in section.records] == ["#1", "#2", "#4", "#5"]


def test_review_cards_with_a_rating_on_the_time_line_are_stacked_headers():
    page = ["The bakery opens at six and sells out of rye bread by nine most mornings.",
            "Sort by: Newest",
            "Ines Morales", "Top reviewer · 31 reviews", "★★★★☆ 2 weeks ago",
            "Queue was long but it moves fast, and the rye is worth the wait every time.", "Helpful  Share",
            "Pavel", "3 reviews", "★★☆☆☆ a month ago",
            "They ran out of everything by eight and the staff did not seem to care much.", "Helpful  Share",
            "Ruth A.", "Top reviewer · 88 reviews", "★★★★★ 2 months ago",
            "Best seeded loaf in town, and they slice it for you if you ask nicely.", "Helpful  Share",
            "More reviews (140)"]
    section = records.find_section(page, [0] * len(page))
    assert [r.name for r in section.records] == ["Ines Morales", "Pavel", "Ruth A."]


def test_a_timed_response_label_under_the_action_bar_opens_the_owners_response():
    # "Answer from the bakery  2 weeks ago" below each card's action bar; "(Source text)" over
    # the untranslated text is a note on the review, not a response
    page = ["The bakery opens at six and sells out of rye bread by nine most mornings.", "Sort by: Newest"]
    for name, text, source, answer in [
            ("Ines Morales", "Queue was long but it moves fast, and the rye is worth the wait.",
             "La cola era larga pero avanza rápido, y el pan vale la pena.", "Thank you Ines, see you soon at the counter."),
            ("Pavel", "They ran out of everything by eight and the staff did not seem to care.", None,
             "Sorry Pavel, the oven broke that week and we baked half of the usual batch."),
            ("Ruth A.", "Best seeded loaf in town, and they slice it for you if you ask.",
             "Najlepszy chleb z ziarnami w mieście, a kroją go na prośbę.", None)]:
        page += [name, "Top reviewer · 31 reviews", "★★★★☆ 2 weeks ago", text]
        page += ["(Source text)", source] if source else []
        page += ["Helpful  Share"]
        page += ["Answer from the bakery  2 weeks ago", answer] if answer else []
    page += ["More reviews (140)"]
    section = records.find_section(page, [0] * len(page))
    got = [(r.name, page[r.body[0]][:9]) for r in section.records]
    assert got == [("Ines Morales", "Queue was"), (None, "Thank you"), ("Pavel", "They ran "), (None, "Sorry Pav"),
                   ("Ruth A.", "Best seed")]
    assert any(page[j].startswith("La cola") for j in section.records[0].body)


def test_a_name_with_the_writers_job_after_a_comma_over_a_bare_time_is_a_stacked_header():
    page = ["The new tram line will run from the station to the university by the spring of next year.",
            "3 comments",
            "Greta Olsen, Traffic planner at the city council", "5 days ago",
            "The spring date assumes the bridge works finish in winter, which they rarely do.", "Reply · Like",
            "Jonas Berg, Student", "4 days ago",
            "Will there be a night service, or does it stop at eleven like the buses?", "Reply · Like",
            "M. Haddad, Shop owner on Kirkegata", "2 days ago",
            "Two years of road works in front of my shop and no compensation so far.", "Reply · Like",
            "Privacy · Terms"]
    section = records.find_section(page, [0] * len(page))
    assert [r.name for r in section.records] == ["Greta Olsen", "Jonas Berg", "M. Haddad"]
    assert records._affiliated_name(["However, the plan changed.", "5 days ago"], 0) is None


def test_a_name_between_a_reply_arrow_and_a_parenthesised_town_or_badge_heads_an_inline_record():
    # "↳ Reply: Ann (author) | 1h", "Ann (Leeds, UK) • 2h": the field is no name as written,
    # the name between its decorations is
    page = [
        "The port authority said the new berths would open before the winter season.",
        "Comments (4)",
        "Harald Berg • 3 hours ago", "Nobody asked the fishermen what they think about the berths.",
        "Like 4  Reply",
        "Ines Moura (Porto, PT) • 2 hours ago", "We had the same plan here and the berths stood empty for years.",
        "Like 2  Reply",
        "Karl Eder • 2 hours ago", "The season is short anyway, so the timing hardly matters.",
        "Like 1  Reply",
        "↳ Antwort: Lea Vogt (author) | 1 hour ago", "Thanks, Karl, we will ask the harbour office about it.",
        "Like 0  Reply",
        "Load more",
    ]
    section = records._kind_section(page, [0] * len(page), frozenset())
    names = [r.name for r in section.records]
    assert len(names) == 4 and names[0] == "Harald Berg" and names[1].startswith("Ines Moura")
    assert names[2:] == ["Karl Eder", "Lea Vogt"]


def test_the_announced_count_is_the_nearest_short_line_with_one_number_above_the_first_record():
    page = ["The ferry will not sail in winter, the company said on Tuesday.", "Iruzkinak · 5",
            "+12 / -2", "Ann", "i gjar kl. 10:02"]
    assert records.announced_count(page, 3) == 5
    assert records.announced_count(["Kommentit (۶)", "Ann"], 1) == 6
    assert records.announced_count(["A long paragraph of article text ends here.", "Ann"], 1) is None


def test_header_lines_sharing_a_fixed_word_beside_varying_names_over_prose_are_records():
    # "<name> skrifar:" (writes) and "Frá: <name>, <place>" (from): the fixed word is in no
    # lexicon; that it repeats beside different names, each over a line of prose, is enough
    writes = [
        "Reaksjónir (3)",
        "Gunnar Dal skrifar:", "The berths will stand empty for most of the winter, as they did before.",
        "12.03.2021 | 09:12", "Svara · Melda",
        "Sigrid K. skrifar:", "We asked the council twice and never heard back from anyone there.",
        "12.03.2021 | 09:40", "Svara · Melda",
        "Olav from Bergen skrifar:", "Same story on our coast, the small lines go first every time.",
        "12.03.2021 | 10:05", "Svara · Melda",
        "Skriva",
    ]
    sent_from = [
        "Bréf frá lesurum (3)",
        "Frá: Gunnar Dal, Tórshavn", "The berths will stand empty for most of the winter, as they did before.",
        "Sent 12/03/2021 kl. 09:12",
        "Frá: Sigrid, Klaksvík", "We asked the council twice and never heard back from anyone there.",
        "Sent 12/03/2021 kl. 09:40",
        "Frá: Olav Berg, Vágur", "Same story on our coast, the small lines go first every time.",
        "Sent 12/03/2021 kl. 10:05",
        "Frá: a reader who keeps the name back",
        "Same here, and the boat was the only way to see a doctor in winter.",
        "Sent 12/03/2021 kl. 11:30",
        "Skriva bréf",
    ]
    for page, names in ((writes, ["Gunnar Dal", "Sigrid K.", "Olav from Bergen"]),
                        (sent_from, ["Gunnar Dal", "Sigrid", "Olav Berg", None])):  # a name withheld
        section = records.find_section(page, [0] * len(page))
        assert [r.name for r in section.records] == names
        assert [page[r.body[0]].split()[0] for r in section.records] == ["The", "We", "Same", "Same"][:len(names)]


FORUM = [
    "Forum › Harbours › The winter ferry",
    "#1 · kaja_n » 2021-03-12, 09:15", "Limur · 310 innlegg",
    "The ferry stops in winter again and nobody on the island was asked about it.", "Quote · Report",
    "#2 · Bo Lind » 2021-03-12, 10:02", "Stjórnari · 2 140 innlegg",
    "kaja_n skrev:", "Nobody was asked again.",
    "It has stopped every winter since the new contract, so this is no news at all.",
    "—", "Bo, Tromsø. Siglir síðan 1998.", "Quote · Report",
    "#3 · Per O. » 2021-03-12, 11:40", "Nýggjur limur · 3 innlegg",
    "My father ran the old boat for years and it never stopped in winter then.", "Quote · Report",
    "#4 · Ines » 2021-03-12, 12:30", "Limur · 45 innlegg",
    "Per O. skrev:", "The old boat was better.",
    "Different boat, different fuel price. The old one burned half as much.",
    "—", "Ines, Bodø. Lesur síðan 2015.", "Quote · Report",
    "Reply to the topic",
]


def test_a_header_shaped_signature_under_a_dash_line_is_no_record():
    section = records.find_section(FORUM, [0] * len(FORUM))
    assert [r.name for r in section.records] == ["kaja_n", "Bo Lind", "Per O.", "Ines"]



def test_a_quote_attribution_under_a_profile_line_at_the_top_of_the_text_names_the_parent():
    # the rank line ("Stjórnari · 2 140 innlegg") was left at the top of the text: the
    # quote box's "kaja_n skrev:" under it still names the parent
    lines = [
        "#1 · kaja_n » 2021-03-12, 09:15", "Limur · 310 innlegg",
        "The ferry stops in winter again and nobody on the island was asked about it.",
        "#2 · Per O. » 2021-03-12, 10:02", "Nýggjur limur · 3 innlegg",
        "My father ran the old boat for years and it never stopped in winter then.",
        "#3 · Bo Lind » 2021-03-12, 11:40", "Stjórnari · 2 140 innlegg", "kaja_n skrev:",
        "Nobody was asked again.", "It has stopped every winter since the new contract.",
    ]
    recs = [Record([0], "kaja_n", "inline", body=[1, 2]), Record([3], "Per O.", "inline", body=[4, 5]),
            Record([6], "Bo Lind", "inline", body=[7, 8, 9, 10])]
    records.link_replies(recs, lines)
    assert [r.reply_to for r in recs] == [None, None, 0]


def test_an_indented_reply_whose_cue_names_an_earlier_root_answers_that_root():
    # "→ Ann-a jogap" over an indented reply listed after Bo's later thread: the cue names
    # a record at the parent's depth, so it is the parent, not Bo right above
    lines = ["Ann", "12.03.2020, 15:10", "The pipeline has been promised for ten years now.",
             "Bo", "12.03.2020, 16:02", "Why only forty-five days this time, and not the usual four months?",
             "→ Ann-a jogap", "Cy", "12.03.2020, 18:14", "Because the talks about it start again in spring."]
    recs = [Record([0, 1], "Ann", "stacked", body=[2]), Record([3, 4], "Bo", "stacked", body=[5]),
            Record([6, 7, 8], "Cy", "stacked", body=[9], reply_name="Ann")]
    recs[2].indent = 4
    records.link_replies(recs, lines)
    assert [r.reply_to for r in recs] == [None, None, 0]


def test_a_field_every_header_carries_is_no_reply_cue():
    # "Stemning: Rolig" sits under every name, the first record's too: its value is no
    # earlier poster the record answers, though it repeats an earlier header's value
    page = ["The harbour board closed the northern berth for the winter months on Tuesday.", "Conversations"]
    for name, mood, text in [("Tea Trader", "Rolig", "Oil is only up three percent after all that news."),
                             ("Marlene K", "Urolig", "Every spike gets sold within a week, watch it."),
                             ("Rick", "Rolig", "Shorted at sixty-three and I am not worried at all."),
                             ("Pat G.", "Urolig", "Gold up, oil up, same playbook as every scare.")]:
        page += [f"{name}  3 hours ago", f"Stemning: {mood}", text, "Reply   Thumbs up 4   Thumbs down 1"]
    page += ["Show more"]
    section = records.find_section(page, [0] * len(page))
    assert [r.name for r in section.records] == ["Tea Trader", "Marlene K", "Rick", "Pat G."]
    assert [r.reply_name for r in section.records] == [None] * 4


def test_labelled_headers_under_a_name_field_take_their_name_from_it():
    # each card is "Frá: <name>" (or "Svar frá: <name>" on a reply) over "Bygd: <town>" over
    # the text: the town line is the one right over the prose, the name is the field above
    page = ["Lesarabrøv (4)"]
    for label, name, town, text in [("Frá", "Gunnar Dal", "Tórshavn", "The berths will stand empty for most of the winter."),
                                    ("Svar frá", "Sigrid K.", "Klaksvík", "We asked the council twice and never heard back."),
                                    ("Frá", "Olav Berg", "Vágur", "Same story on our coast, the small lines go first."),
                                    ("Frá", "Jens á Heygum", "Tórshavn", "The fuel price is the real reason, not the weather.")]:
        page += [f"{label}: {name}", f"Bygd: {town}", text, "Svara · Melda"]
    page += ["Skriva bréf"]
    section = records.find_section(page, [0] * len(page))
    assert [r.name for r in section.records] == ["Gunnar Dal", "Sigrid K.", "Olav Berg", "Jens á Heygum"]


def test_labelled_titles_under_a_field_whose_first_part_is_a_name_head_records():
    # "Gagnrýnandi: <name> - stars - <date>" over "Efni: <title>" over the review: the
    # titles are no names, the first part of the field above is
    page = ["Item Preview", "Umsagnir (3)"]
    for name, stars, title, text in [
            ("tapehead_57", "★★★★★", "A time capsule", "I grew up two counties over and remember the voice well."),
            ("M. Karimi", "★★★★", "The item at minute fourteen", "My father was in Abadan that year, it is all there."),
            ("Jörg Schäfer", "★★★", "Good transfer, missing segment?", "The sports segment seems cut short at the end.")]:
        page += [f"Gagnrýnandi: {name} - {stars} - June 2, 2017", f"Efni: {title}", text]
    page += ["DOWNLOAD OPTIONS", "SHOW ALL"]
    section = records.find_section(page, [0] * len(page))
    assert [r.name for r in section.records] == ["tapehead_57", "M. Karimi", "Jörg Schäfer"]


def test_a_known_poster_after_the_last_record_over_text_and_the_shared_action_line_is_one_more_record():
    # the last header writes its time another way ("fyri tíma 1"): its name, set apart, is
    # an earlier poster's, and the shared "Svara · Melda" closes its text as it does the others
    page = ["The harbour board closed the northern berth for the winter months on Tuesday.", "Comments · 4"]
    for head, text in [("Gunnar Dal   5 hours ago", "The berths will stand empty for most of the winter."),
                       ("Sigrid K.   4 hours ago", "@Gunnar Dal We asked the council twice and never heard back."),
                       ("Olav Berg   2 hours ago", "Same story on our coast, the small lines go first."),
                       ("Gunnar Dal   fyri tíma 1", "@Sigrid K. Then we should ask them a third time.")]:
        page += ["+3 / -1", head, text, "Svara · Melda"]
    page += ["No more comments.", "Most read", "1. Festival programme is ready"]
    section = records.find_section(page, [0] * len(page))
    assert [r.name for r in section.records] == ["Gunnar Dal", "Sigrid K.", "Olav Berg", "Gunnar Dal"]
    assert page[section.records[-1].body[0]].startswith("@Sigrid K.")


def test_a_signature_whose_name_holds_a_short_bracketed_rank_still_signs_the_text_above():
    page = ["The mission changes its name but the soldiers stay at the same bases, the ministry said.",
            "Comentarii (3)"]
    for text, sign in [("Same soldiers, same bases, a new label and nothing more.", "— mihai.b, acum 6 ore"),
                       ("What do ours do there? Nobody explains it to us.", "— Sorin T., acum 3 ore"),
                       ("@Sorin T. They train officers in the capital, I was one of them.",
                        "— Col. (r) A. Popescu, acum 2 ore")]:
        page += [text, sign, "👍 8  👎 2   Răspunde"]
    page += ["Încarcă mai multe comentarii"]
    section = records.find_section(page, [0] * len(page))
    assert [r.name for r in section.records] == ["mihai.b", "Sorin T.", "Col. (r) A. Popescu"]


def test_a_numbered_header_opening_with_words_and_an_earlier_posts_number_answers_that_post():
    page = ["The three soldiers were killed at a small outpost near the border, the army said.",
            "Talkbacks (4)"]
    for head, text in [("1. Dana, Haifa (29.01.24)", "Time to deal with the head of the octopus, not the arms."),
                       ("2. Sarah K., NYC (29.01.24)", "Praying for the families of the three young soldiers."),
                       ("3. Antwort 1 | Yossi, Tel Aviv (29.01.24)", "Easy to write that from the sofa at home."),
                       ("4. Mahmoud, Nazareth (29.01.24)", "May God have mercy on all the victims everywhere.")]:
        page += [head, text]
    page += ["All 4 talkbacks", "Most read"]
    section = records.find_section(page, [0] * len(page))
    records.link_replies(section.records, page)
    assert [(r.name, r.reply_to) for r in section.records] == [
        ("Dana", None), ("Sarah K.", None), ("Yossi", 0), ("Mahmoud", None)]


def test_a_name_line_with_tally_fields_is_named_by_its_first_field():
    assert records._clean_name("Otto Lind · 1 204 pisteet") == "Otto Lind"
    assert records._clean_name("mira_k | 31 posts | 2 badges") == "mira_k"
    assert records._clean_name("Otto · Oulu") == "Otto · Oulu"  # no count: not a tally


def test_a_tallied_name_line_under_a_notice_starts_the_stacked_header():
    lines = ["Kirjaudu sisään kommentoidaksesi", "mira_k · 1 204 pisteet", "eilen 18:05",
             "Otto Lind · 85 pisteet", "eilen 19:40", "Els B. · 12 pisteet", "tänään 08:30"]
    recs = [Record([0, 1, 2], lines[0], "stacked"), Record([3, 4], "Otto Lind", "stacked"),
            Record([5, 6], "Els B.", "stacked")]
    records._trim_to_common_motif(recs, lines)
    assert [r.name for r in recs] == ["mira_k", "Otto Lind", "Els B."]


def test_a_labelled_field_whose_values_vary_names_the_posters():
    lines = ["Kutoka: Otto Lind", "Mji: Oulu", "12 Mei 2021, 9:14 asubuhi",
             "Jibu kutoka: mira_k", "Mji: Tartu", "12 Mei 2021, 9:40 asubuhi",
             "Kutoka: Els B.", "Mji: Oulu", "12 Mei 2021, 1:05 jioni",
             "Kutoka: pj.berg", "Mji: Turku", "12 Mei 2021, 2:10 jioni"]
    recs = [Record([0, 1, 2], "asubuhi", "repeat"), Record([3, 4, 5], "asubuhi", "repeat"),
            Record([6, 7, 8], "jioni", "repeat"), Record([9, 10, 11], "jioni", "repeat")]
    records.names_from_fields(recs, lines)
    assert [r.name for r in recs] == ["Otto Lind", "mira_k", "Els B.", "pj.berg"]


def test_a_field_that_varies_no_more_than_the_names_leaves_them():
    lines = ["Otto Lind", "Mji: Oulu", "2 hours ago", "mira_k", "Mji: Tartu", "1 hour ago",
             "Els B.", "Mji: Turku", "5 minutes ago"]
    recs = [Record([0, 1, 2], "Otto Lind", "repeat"), Record([3, 4, 5], "mira_k", "repeat"),
            Record([6, 7, 8], "Els B.", "repeat")]
    records.names_from_fields(recs, lines)
    assert [r.name for r in recs] == ["Otto Lind", "mira_k", "Els B."]


def test_a_badge_other_records_show_under_their_names_is_no_name():
    lines = ["Otto Lind", "Lukija vuodesta 2014", "eilen 10:02", "Text one.",
             "mira_k", "Lukija vuodesta 2017", "eilen 11:47", "Text two.",
             "Els B.", "Lukija vuodesta 2019", "tänään 08:30", "Text three."]
    recs = [Record([1, 2], "Lukija vuodesta 2014", "repeat", body=[3]),
            Record([4, 5, 6], "mira_k", "repeat", body=[7]), Record([8, 9, 10], "Els B.", "repeat", body=[11])]
    records.badges_not_names(recs, lines)
    assert [r.name for r in recs] == ["Otto Lind", "mira_k", "Els B."]
    assert recs[0].header == [0, 1, 2]


def test_a_label_line_ending_in_the_name_below_it_is_no_name():
    lines = ["Otto Lind", "3 May 2023, 09:14", "Answer by Editors", "Editors", "4 May 2023, 10:02",
             "mira_k", "5 May 2023, 11:40", "Answer by Editors", "Editors", "6 May 2023, 08:00"]
    recs = [Record([0, 1], "Otto Lind", "stacked"), Record([2, 3, 4], "Answer by Editors", "stacked"),
            Record([5, 6], "mira_k", "stacked"), Record([7, 8, 9], "Answer by Editors", "stacked")]
    records._trim_to_common_motif(recs, lines)
    assert [r.name for r in recs] == ["Otto Lind", "Editors", "mira_k", "Editors"]


def test_a_name_line_at_the_common_place_below_a_quote_names_the_reply():
    lines = ["Otto Lind", "First text here.", "2 hours ago", "Otto Lind wrote:", "«First text here.»",
             "mira_k", "Second text here.", "1 hour ago", "Els B.", "Third text here.", "5 minutes ago"]
    recs = [Record([0, 2], "Otto Lind", "repeat", body=[1]), Record([7], None, "repeat", body=[3, 4, 5, 6]),
            Record([8, 10], "Els B.", "repeat", body=[9])]
    records._names_at_common_place(recs, [2, 7, 10], lines)
    assert recs[1].name == "mira_k" and recs[1].header == [5, 7] and recs[1].body == [3, 4, 6]


def test_a_name_over_its_activity_line_names_the_record_below():
    lines = ["Otto Lind", "Otto Lind rated it 4 of 5", "Tags: essays", "May 2, 2023", "Solid book.",
             "mira_k", "May 3, 2023", "Agreed."]
    recs = [Record([2, 3], None, "repeat", body=[4]), Record([5, 6], "mira_k", "repeat", body=[7])]
    records._names_over_activity(recs, lines)
    assert recs[0].name == "Otto Lind" and recs[0].header == [0, 1, 2, 3]


def test_a_numbered_header_with_an_anonymous_name_slot_takes_no_line_above():
    lines = ["#1  Otto Lind  05.11.2018 12:40", "First text here.", "Vasta | Teata",
             "#2  Guest  05.11.2018 13:05", "Second text here.", "Vasta | Teata",
             "#3  mira_k  05.11.2018 13:20", "Third text here.", "Vasta | Teata"]
    recs = [Record([0], "Otto Lind", "inline", body=[1], chrome=[2]), Record([3], None, "inline", body=[4], chrome=[5]),
            Record([6], "mira_k", "inline", body=[7], chrome=[8])]
    records.read_post_labels(recs, lines)
    assert [r.name for r in recs] == ["Otto Lind", None, "mira_k"]


def test_a_name_and_a_recurring_lower_case_word_before_a_colon_is_a_verb_header():
    lines = ["Otto Lind kirjoitti:", "First text here.", "mira_k kirjoitti:", "Second text here.",
             "Els B. kirjoitti:", "Third text here.", "Huom: one line", "Lue lisää:"]
    found = records._labelled_headers(lines)
    assert [(r.header, r.name, r.kind) for r in found] == [
        ([0], "Otto Lind", "labelled"), ([2], "mira_k", "labelled"), ([4], "Els B.", "labelled")]


def test_a_recurring_label_before_names_is_a_one_line_header():
    lines = ["Lähettäjä: Otto Lind, Oulu", "First text here.", "Lähetetty 10/01/2020 klo 11:40",
             "Lähettäjä: mira_k", "Second text here.", "Lähetetty 10/01/2020 klo 11:52",
             "Lähettäjä: Els B., Turku", "Third text here.",
             "Lähettäjä: pj.berg", "Kaupunki: Turku", "Fourth text here."]
    found = records._labelled_headers(lines)
    # the last one heads a block of fields (a mail-style header), not a one-line header
    assert [(r.header, r.name) for r in found] == [([0], "Otto Lind"), ([3], "mira_k"), ([6], "Els B.")]


def test_a_town_and_region_in_parentheses_after_a_name_is_dropped():
    assert records._inline_header("Otto Lind (Oulu, Finland) • 2 hours ago") is not None
    names = ["Otto Lind (Oulu, Finland)", "mira_k", "Els B. (Tartu)", "pj.berg", "Ana K"]
    recs = [Record([i], name, "inline") for i, name in enumerate(names)]
    records.drop_shared_name_words(recs)
    assert [r.name for r in recs] == ["Otto Lind", "mira_k", "Els B. (Tartu)", "pj.berg", "Ana K"]


def test_the_announced_count_is_read_over_the_text_of_a_comment_the_reading_missed():
    page = ["Comments (2)", "Posting rules apply to every comment here.", "Avatar: Ann",
            "Ann · 17 lyutaha, 10:48", "Who trades with the islands at all in winter? Nobody says.", "Reply · 👍 8 · 👎 1",
            "Avatar: Bo", "Bo · 17 lyutaha, 11:20"]
    assert records.announced_count(page, 6) == 2


def test_a_reply_arrow_on_the_delimiter_under_a_toggle_line_makes_the_record_a_reply():
    # "↪ 2 hours ago · Ines" under a "show replies" toggle in a language no lexicon knows:
    # the toggle joins the header, the arrow still opens the record's own header line
    page = [
        "The ferry company raised its fares again on Monday, citing fuel costs.",
        "Comments (5)",
        "3 hours ago · Harald Berg", "Nobody asked the islanders what they think about the fares.",
        "Reply   ♥ 4",
        "Dangos atebion (1)",
        "↪ 2 hours ago · Ines Moura", "We pay twice what the mainland pays and nobody listens.",
        "Reply   ♥ 2",
        "2 hours ago · Karl Eder", "The season is short anyway, so the timing hardly matters to me.",
        "Reply   ♥ 1",
        "1 hour ago · Lea Vogt", "Fuel went up everywhere this winter, it is not only the ferry.",
        "Reply   ♥ 0",
        "Dangos atebion (1)",
        "↪ 40 minutes ago · Otto Lind", "True, but the ferry is the only way to reach the island.",
        "Reply   ♥ 0",
        "Load more",
    ]
    section = records._repeat_section(page, [0] * len(page), frozenset())
    records.link_replies(section.records, page)
    assert [(r.name, r.reply_to) for r in section.records] == [
        ("Harald Berg", None), ("Ines Moura", 0), ("Karl Eder", None), ("Lea Vogt", None), ("Otto Lind", 3)]


def test_a_first_record_holding_only_the_comment_counter_is_a_line_above_the_section():
    # a related video's "title  8:40" reads as an inline header over "4 Comments"
    page = [
        "The new tram line opens in the spring, the city council said on Monday after a long debate.",
        "Up next",
        "Night market food tour  12:05",
        "Harbour bridge repairs explained  8:40",
        "4 Comments",
        "Add a new comment...",
        "Ana Petrova", "3 days ago", "The tram will save me an hour a day, finally some good news.", "Reply",
        "Tomas Berg", "2 days ago", "Who pays for it? The ticket prices went up twice this year.", "Reply",
        "Lena Wu", "2 days ago", "I hope they keep the night buses running on the same route.", "Reply",
        "Piet Hein", "1 day ago", "Spring means autumn, as always with this council.", "Reply",
        "About  Help  Terms",
    ]
    section = records.find_section(page, [0] * len(page))
    assert [r.name for r in section.records] == ["Ana Petrova", "Tomas Berg", "Lena Wu", "Piet Hein"]
    assert section.counted and section.start == 6
    # a counted badge over the reader's own text ("Tipped 5 coins") keeps its record
    page[4:6] = ["Tipped 5 coins", "I watched it twice and the part about the cables was the best bit."]
    section = records.find_section(page, [0] * len(page))
    assert len(section.records) == 5 and not section.counted


def test_a_whole_sentence_quoted_above_a_reply_names_the_comment_that_holds_it():
    lines = [
        "ann_k commented May 2", "Thanks for the report. Do you have more pairs that fail?",
        "bo_li commented May 3", "Here are some from our team: Smith and Smyth, Reid and Read.",
        "cy_r commented May 4", "Do you have more pairs that fail?", "Yes, bo_li's list covers most of ours.",
    ]
    recs = [Record([0], "ann_k", "inline", body=[1]), Record([2], "bo_li", "inline", body=[3]),
            Record([4], "cy_r", "inline", body=[5, 6])]
    records.link_replies(recs, lines)
    assert recs[2].reply_to == 0
    # a sentence no earlier comment holds quotes nobody: the reply stays a top-level comment
    lines[5] = "Do you have any pairs that still fail?"
    recs = [Record([0], "ann_k", "inline", body=[1]), Record([2], "bo_li", "inline", body=[3]),
            Record([4], "cy_r", "inline", body=[5, 6])]
    records.link_replies(recs, lines)
    assert recs[2].reply_to is None


def test_a_chat_reply_quote_with_the_parents_handle_names_the_message_it_quotes():
    lines = [
        "Ann Lee", "The ferry stops in winter again and nobody was asked.",
        "Bo Chen", "My father ran the old boat for years.",
        "Cy Ray", "<@ann:chat.example.org> The ferry stops in winter again and nobody was asked.",
        "It has stopped every winter since the new contract.",
        "Di Fox", "<@eve:chat.example.org> a line nobody on this page wrote before today",
        "Then who did?",
    ]
    recs = [Record([0], "Ann Lee", "repeat", body=[1]), Record([2], "Bo Chen", "repeat", body=[3]),
            Record([4], "Cy Ray", "repeat", body=[5, 6]), Record([7], "Di Fox", "repeat", body=[8, 9])]
    records.link_replies(recs, lines)
    assert recs[2].reply_to == 0  # the quoted text, not the nearest record
    assert recs[3].reply_to is None  # a quote of no record here by no poster here (the opening post) answers none


def test_dash_signatures_under_each_comment_sign_the_text_above():
    lines = ["Troops leave the base", "by Ann Reporter | 28 December 2021, 10:12",
             "The mission ends after eighteen years and the base is handed over today.",
             "Comments (3)",
             "Same soldiers, same bases, only the label changed.", "— mika.b, 6 hours ago", "Like 3  Reply",
             "Not quite, they can no longer join raids.", "— Ioana_V, 5 hours ago", "Like 1  Reply",
             "Who explains what ours do there?", "— Sorin Pop, 3 hours ago", "Like 2  Reply",
             "Privacy | Terms"]
    section = records.find_section(lines, [0] * len(lines))
    assert [(r.name, r.body) for r in section.records] == [("mika.b", [4]), ("Ioana_V", [7]), ("Sorin Pop", [10])]
    plain = ["Troops leave the base", "by Ann Reporter | 28 December 2021, 10:12",
             "The mission ends after eighteen years and the base is handed over today.", "Comments (3)",
             "Ann Lee, 6 hours ago", "Same soldiers, same bases, only the label changed.", "Like 3  Reply",
             "Bo Ray, 5 hours ago", "Not quite, they can no longer join raids.", "Like 1  Reply",
             "Cy Dee, 3 hours ago", "Who explains what ours do there?", "Like 2  Reply", "Privacy | Terms"]
    section = records.find_section(plain, [0] * len(plain))
    assert [(r.name, r.body) for r in section.records][-3:] == [("Ann Lee", [5]), ("Bo Ray", [8]), ("Cy Dee", [11])]


def _indented(lines: list[str]) -> tuple[list[str], list[int]]:
    return lines, [len(c) - len(c.lstrip()) for c in lines]


def test_an_indented_name_with_a_badge_and_no_time_opens_a_reply_inside_the_record():
    contents, indents = _indented([
        "Mira Solberg", "4 May 2021", "Will the new quay be open to small boats as well?",
        "    Harbour Office", "    Staff", "    Yes, the northern end is kept for boats under ten metres.",
        "Tomas Berg", "5 May 2021", "Who pays for the dredging? Nobody has said so far.",
        "Ines Faro", "6 May 2021", "The old quay was never this busy, even in the eighties.",
        "Privacy | Terms"])
    s = records.find_section(contents, indents)
    assert [(r.name, r.body[0]) for r in s.records] == [
        ("Mira Solberg", 2), ("Harbour Office", 5), ("Tomas Berg", 8), ("Ines Faro", 11)]
    assert s.records[1].header == [3, 4] and s.records[1].indent == 4


def test_an_indented_quotation_inside_a_comment_opens_no_reply():
    # the indented block opens with prose (a quoted sentence), not with a name over it
    contents, indents = _indented([
        "Mira Solberg", "4 May 2021", "The minister said it best last week:",
        "    We will build the quay, whatever it costs the town.", "And nobody asked what it costs.",
        "Tomas Berg", "5 May 2021", "Who pays for the dredging? Nobody has said so far.",
        "Ines Faro", "6 May 2021", "The old quay was never this busy, even in the eighties.",
        "Privacy | Terms"])
    s = records.find_section(contents, indents)
    assert [r.name for r in s.records] == ["Mira Solberg", "Tomas Berg", "Ines Faro"]


def test_a_name_verb_line_naming_an_earlier_poster_opens_a_reply_to_that_poster():
    # "<name> <inflected verb> <earlier poster>": the named parent is evidence for one line
    recs = [records.Record([0], "Mira Solberg", "inline", body=[1, 2, 3]),
            records.Record([4], "Tomas Berg", "inline", body=[5])]
    text = ["Mira Solberg  4 May", "The ferry timetable changed again without any notice at all.",
            "Ines Faro antwortete Mira Solberg", "It was announced on the harbour board, but only in print.",
            "Tomas Berg  5 May", "The new quay will finally let the ferries dock in a storm."]
    split = records._split_verb_replies(recs, text)
    assert [(r.name, r.header, r.body, r.reply_name) for r in split] == [
        ("Mira Solberg", [0], [1], None), ("Ines Faro", [2], [3], "Mira Solberg"), ("Tomas Berg", [4], [5], None)]
    # a quote attribution ends with a name too, but its last word before it is a stopword
    text[2] = "Originally Posted by Mira Solberg"
    recs = [records.Record([0], "Mira Solberg", "inline", body=[1, 2, 3]),
            records.Record([4], "Tomas Berg", "inline", body=[5])]
    assert [r.name for r in records._split_verb_replies(recs, text)] == ["Mira Solberg", "Tomas Berg"]


# ---------------------------------------------------------------- round 15 (segG: reply parents)

def _reviews(label_over: set[int], label: str = "Hotel Answer") -> tuple[list[str], list[records.Record]]:
    """Five records (header, text, closing line); ``label`` closes the records before those in ``label_over``."""
    contents, recs = [], []
    for k in range(5):
        h = len(contents)
        contents += [f"Mar {k + 3}, 2023 - Guest {k}", f"The harbour room number {k} was quiet and the breakfast was fine."]
        closing = label if k + 1 in label_over else "4.0"
        contents.append(closing)
        recs.append(records.Record([h], None, "leading", body=[h + 1], chrome=[h + 2]))
    return contents, recs


def test_a_label_closing_a_record_over_some_headers_makes_the_record_below_an_answer_to_it():
    contents, recs = _reviews({1, 4})
    out = records._split_responses(recs, contents)
    assert [r.arrow for r in out] == [False, True, False, False, True]
    assert out[1].header == [2, 3] and out[0].chrome == []
    records.link_replies(out, contents)
    assert [r.reply_to for r in out] == [None, 0, None, None, 3]


def test_a_label_over_one_header_or_over_most_is_no_answer_label():
    for over in ({2}, {1, 2, 3, 4}):  # once: nothing repeats; over each record: an action bar
        contents, recs = _reviews(over)
        out = records._split_responses(recs, contents)
        assert not any(r.arrow for r in out), over
        assert all(len(r.header) == 1 for r in out)


def _doc_comments(marks: list[str]) -> tuple[list[str], list[records.Record]]:
    """One record per mark (``""``: none): a name line with the mark before it, a time, a text."""
    contents, recs = [], []
    for k, mark in enumerate(marks):
        h = len(contents)
        name = ["Ines Moreau", "Pavel Dost", "Ines Moreau", "Kofi Mensah", "Pavel Dost"][k]
        contents += [f"{mark}{name}", f"{9 + k}:15 AM Mar 3", f"A remark on the paragraph about the ferry, number {k}."]
        recs.append(records.Record([h, h + 1], name, "repeat", body=[h + 2]))
    return contents, recs


def test_records_under_a_running_thread_mark_reply_to_the_marked_record_above():
    # a document's comments: "[a]Ann" opens a thread, the unmarked names after it are its replies
    contents, recs = _doc_comments(["[a]", "", "", "[b]", ""])
    records.link_replies(recs, contents)
    assert [r.reply_to for r in recs] == [None, 0, 0, None, 3]


def test_a_bracketed_badge_or_marks_out_of_order_open_no_threads():
    for marks in (["[DEV] ", "", "", "", ""], ["[b]", "", "", "[a]", ""], ["[a]", "[b]", "[c]", "[d]", "[e]"]):
        contents, recs = _doc_comments(marks)
        records.link_replies(recs, contents)
        assert all(r.reply_to is None for r in recs), marks


def test_a_federated_handle_names_the_account_and_its_replies():
    assert records._clean_name("Tomasz Wielgosz @tomaszw@ferry.example.social") == "tomaszw"
    assert records._clean_name("Ko D. @kod") == "kod"
    lines = ["Tomasz Wielgosz @tomaszw@ferry.example.social · 2 h",
             "The winter ferry stops at the north pier now, not at the old harbour.",
             "Like 3",
             "Ko D. @kod@pier.example.fi · 1 h",
             "Nobody told the people waiting at the harbour this morning, sadly.",
             "Like 1",
             "Ann Berg @annb · 50 min",
             "In reply to @tomaszw@ferry.example.social",
             "Thanks, the north pier it is then, I will walk there tomorrow.",
             "Like 0"]
    section = records.find_section(lines, [0] * len(lines))
    records.link_replies(section.records, lines)
    assert [r.name for r in section.records] == ["tomaszw", "kod", "annb"]
    assert [r.reply_to for r in section.records] == [None, None, 0]


def test_a_mail_archive_header_holds_its_reply_to_and_mime_fields_and_the_subject_above():
    lines = ["Subject: Ferry timetable for the winter",
             "From: Olga Petrova <[address hidden]>",
             "Reply-To: Harbour list <[address hidden]>",
             "Date: Mon, 3 Feb 2020 09:12:44 +0200",
             "Content-Type: text/plain",
             "The winter timetable starts next week and the north pier closes.",
             "Subject: Re: Ferry timetable for the winter",
             "From: Tomas Reyes <[address hidden]>",
             "Reply-To: Harbour list <[address hidden]>",
             "Date: Mon, 3 Feb 2020 11:40:02 +0200",
             "Content-Type: text/plain",
             "Thanks Olga, the south pier stays open then, I hope.",
             "Subject: Re: Ferry timetable for the winter",
             "From: Ann Berg <[address hidden]>",
             "Reply-To: Harbour list <[address hidden]>",
             "Date: Tue, 4 Feb 2020 08:05:31 +0200",
             "Content-Type: text/plain",
             "It does, until the ice comes in March, as every year."]
    section = records.find_section(lines, [0] * len(lines))
    assert section.kind == "mail"
    assert [(r.name, r.header) for r in section.records] == [
        ("Olga Petrova", [0, 1, 2, 3, 4]), ("Tomas Reyes", [6, 7, 8, 9, 10]), ("Ann Berg", [12, 13, 14, 15, 16])]
    # a "From:" line over no other field is no mail header
    assert records._mail_at(["From: the harbour office, with thanks", "The ferry runs daily."], 0) is None


def test_a_bar_as_common_as_another_closing_line_is_chosen_the_same_on_every_run():
    # two closing lines shared by every record: which one is the bar must not depend on the
    # interpreter's string hashing (PYTHONHASHSEED)
    code = ("from corpuslib.corpus import records\n"
            "lines = ['Ann', 'The pier is closed again today.', 'Top of message | Permalink', 'Subject: Re: pier',\n"
            "         'Bo', 'It opens on Monday, they said.', 'Top of message | Permalink', 'Subject: Re: pier',\n"
            "         'Cy', 'Good to know, thanks a lot.', 'Top of message | Permalink', 'Subject: Re: pier']\n"
            "recs = [records.Record([0], 'Ann', 'x', body=[1, 2, 3]), records.Record([4], 'Bo', 'x', body=[5, 6, 7]),\n"
            "        records.Record([8], 'Cy', 'x', body=[9, 10, 11])]\n"
            "records._repeated_closers_to_chrome(recs, lines)\n"
            "print([r.body for r in recs])\n")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(4)}
    assert outs == {"[[1], [5], [9]]\n"}


def test_a_counter_between_records_announcing_those_below_opens_the_section_there():
    turns = ["Olga Petrova  0:04", "Welcome to the harbour hour, today the winter ferry timetable.",
             "Tomas Reyes  2:10", "The north pier closes next week, the south pier stays open.",
             "Olga Petrova  5:31", "Thanks Tomas, and now the listeners on the line, please go on."]
    comments = ["Ann Berg  on 2:10 · 2d", "Does the south pier have a waiting room for the winter?",
                "Marta Voss  on 5:31 · 1d", "Good show, the sound was a bit low in the middle part.",
                "Jonas Falk  on 0:04 · 20h", "Please add the timetable itself to the page, thank you."]
    lines = [*turns, "Comments (3)", *comments]
    section = records.find_section(lines, [0] * len(lines))
    assert [r.name for r in section.records] == ["Ann Berg", "Marta Voss", "Jonas Falk"]
    assert section.start == 7
    # a reply toggle between comments of one shape is no counter of the section
    thread = ["Ann Berg · 2d", "Does the south pier have a waiting room for the winter?",
              "Bo Lind · 2d", "Good show, the sound was a bit low in the middle part.", "View 3 more replies",
              "Cy Holm · 1d", "Please add the timetable itself to the page, thank you.",
              "Di Sand · 1d", "The ferry was late again this morning, by twenty minutes.",
              "Ed Moor · 20h", "Is there a bus from the south pier into town at night?"]
    section = records.find_section(thread, [0] * len(thread))
    assert [r.name for r in section.records] == ["Ann Berg", "Bo Lind", "Cy Holm", "Di Sand", "Ed Moor"]


def test_a_name_to_name_line_under_an_avatars_alt_text_names_the_parent():
    lines = ["Bild von Karin Holt", "Karin Holt", "vor 5 Stunden",
             "The ferry to the island was cancelled again this morning.", "Antworten",
             "Bild von Marta Voss", "Marta Voss → Karin Holt", "vor 4 Stunden",
             "It runs again tomorrow, the harbour office said so on the radio.", "Antworten",
             "Bild von Jonas Falk", "Jonas Falk", "vor 3 Stunden",
             "Is there a bus instead of the ferry on days like this one?", "Antworten"]
    section = records.find_section(lines, [0] * len(lines))
    records.drop_shared_name_words(section.records)
    records.link_replies(section.records, lines)
    assert [r.name for r in section.records] == ["Karin Holt", "Marta Voss", "Jonas Falk"]
    assert [r.reply_to for r in section.records] == [None, 0, None]
    assert records._stacked_at(["Bild von Jonas Falk", "Jonas Falk", "vor 3 Stunden"], 0).reply_name is None


def test_a_parent_link_in_the_action_bar_of_a_repeated_motif_answers_the_record_above():
    lines = ["kestrel_9", "Date: 2020-01-03 10:02 am (UTC)", "The ferry to the island was cancelled again this morning.",
             "(Reply) (Thread)",
             "marta_v", "Date: 2020-01-03 10:15 am (UTC)", "It runs again tomorrow, the harbour office said so.",
             "(Reply) (Thread) (Parent)",
             "jonas_f", "Date: 2020-01-03 11:30 am (UTC)", "Is there a bus instead of the ferry on days like this?",
             "(Reply) (Thread)"]
    section = records.find_section(lines, [0] * len(lines))
    assert section.kind == "repeat"
    records.link_replies(section.records, lines)
    assert [r.reply_to for r in section.records] == [None, 0, None]


def test_a_labelled_header_over_a_quote_box_heads_a_reply_to_the_quoted_poster():
    page = ["Fuel prices went up again this week on the island."]
    posts = [("Ann Lee", ["Heating oil is ten pounds dearer per tank than last month."]),
             ("Bea Holt", ["Ann Lee wrote:", "-----------------------------", "> Heating oil is ten pounds dearer",
                          "Have you tried the cooperative? Their price was lower on Friday."]),
             ("Cai Moor", ["The minister said there is no plan to change the duty on fuel this year."])]
    for name, text in posts:
        page += ["Re: Fuel prices", f"Posted by: {name} ()", "Date: January 12, 2020 09:14PM", *text, "Reply Quote"]
    section = records.find_section(page, [0] * len(page))
    assert [r.name for r in section.records] == ["Ann Lee", "Bea Holt", "Cai Moor"]
    records.link_replies(section.records, page)
    assert [r.reply_to for r in section.records] == [None, 0, None]
    # a colon line over a short line that is no prose opens no text
    assert not records._introduces_prose(["Note:", "-----", "Reply Quote"], 0, 3)
    assert records._introduces_prose(["Ann wrote:", "----------", "> the tank is dearer than it was last month"], 0, 3)


def test_a_paragraph_opening_with_a_reply_label_under_a_comment_is_the_owners_answer():
    page = ["The bazaar was busy this week and the dollar rose twice."]
    for name, text, extra in [
            ("Kaveh", "The bakery in our street raised the price of bread as well.", "Reply: Kaveh, nobody knows."),
            ("Nasrin", "Glad to read a post in our language, do you have a keyboard?",
             "Edit: I found one in the settings, never mind the question."),
            ("Omid", "Prices of fish went up too, the exporters are waiting.", "Reply: thanks Omid, that is right.")]:
        page += [name, "Wednesday 20 November 2019 14:22", text, extra]
    section = records.find_section(page, [0] * len(page))
    got = [(r.name, page[r.body[0]][:6]) for r in section.records]
    assert got == [("Kaveh", "The ba"), (None, "Reply:"), ("Nasrin", "Glad t"), ("Omid", "Prices"), (None, "Reply:")]
    records.link_replies(section.records, page)
    assert [r.reply_to for r in section.records] == [None, 0, None, None, 3]


def test_a_reply_label_inside_a_record_signed_below_gives_the_signature_to_the_answer():
    page = ["Portable radio, shortwave and FM, with a rechargeable battery."]
    for name, q, a in [("Reza", "Question: Will it receive Persian stations from Europe?", "Answer: Yes, at night on 31 m."),
                       ("Layla", "Question: Does it pick up medium wave from Iraq here?", "Answer: No, the signal is too weak."),
                       ("Hana", "Question: How long does the battery last on FM?", "Answer: About fourteen hours.")]:
        page += [q, a, f"By {name} on September 3, 2019"]
    recs = [records.Record([3 * k + 3], n, "trailer", body=[3 * k + 1, 3 * k + 2]) for k, n in enumerate(["Reza", "Layla", "Hana"])]
    out = records._split_responses(recs, page)
    assert [(r.name, r.body) for r in out] == [(None, [1]), ("Reza", [2]), (None, [4]), ("Layla", [5]), (None, [7]), ("Hana", [8])]


def test_a_symbol_cue_read_as_a_name_line_gives_the_name_to_the_line_above():
    # "↩ ann_k" sits between the name and the time; where the poster shows one name field
    # the cue line was read as the name line, one line too low
    page = ["ann_k   Ann Kay", "Jan 10", "Diesel is ten rupees dearer here since the weekend.", "❤ 6   Reply",
            "bea_h   Bea Holt", "↩ ann_k", "Jan 10", "True, but the official gate is still open.", "❤ 3   Reply",
            "cara.m", "↩ bea_h", "Jan 11", "Open, yes, but the token system turned many drivers back.", "❤ 5   Reply",
            "dan_o   Dan Orr", "Jan 11", "Exchange shops stopped quoting the toman on Wednesday.", "❤ 2   Reply"]

    def recs():
        return [records.Record([0, 1], "ann_k", "stacked", body=[2], chrome=[3]),
                records.Record([4, 5, 6], "bea_h", "stacked", body=[7], chrome=[8]),
                records.Record([10, 11], "↩ bea_h", "stacked", body=[12], chrome=[13]),
                records.Record([14, 15], "dan_o", "stacked", body=[16], chrome=[17])]
    found = recs()
    found[1].chrome.append(9)
    records.learn_reply_cues(found, page)
    assert [(r.name, r.header[0], r.reply_name) for r in found] == [
        ("ann_k", 0, None), ("bea_h", 4, "ann_k"), ("cara.m", 9, "bea_h"), ("dan_o", 14, None)]
    # an action bar above the cue line is no name: the record keeps its header
    page[9] = "Reply   Share"
    found = recs()
    found[1].chrome.append(9)
    records.learn_reply_cues(found, page)
    assert found[2].header[0] == 10


def test_a_name_set_off_by_commas_after_a_greeting_in_the_first_sentence_is_a_vocative():
    recs = [records.Record([0], "Maria Lopez", "inline"), records.Record([1], "Tom Reyes", "inline"),
            records.Record([2], "Lena Ortiz", "inline")]
    assert records._vocative(recs, 2, "Thank you very much for the kind words, Maria.") == 0
    assert records._vocative(recs, 2, "Muchas gracias por todo, tio Tom, we will never forget.") == 1
    # a set-off name in a later sentence, or a place set off by commas, names no parent
    assert records._vocative(recs, 2, "We served together in the army. Thank you, Maria.") is None
    assert records._vocative(recs, 2, "We served together near Balad, Iraq, in the same unit.") is None

"""Tests of corpuslib.corpus.signals (line-level evidence for the segmenter)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from corpuslib.corpus import signals
from corpuslib.corpus.article import classify_paragraph

# Invented sentences in languages whose installed stop-word lists were not read before round 7.
PROSE = {
    "vietnamese": "Hôm nay chính phủ đã công bố kế hoạch mới cho ngành điện, và các chuyên gia cho rằng "
                  "giá điện sẽ còn tăng trong năm tới. Nhiều gia đình vẫn chưa biết họ sẽ phải trả bao nhiêu.",
    "hebrew": "הממשלה אישרה אתמול את התוכנית החדשה של משרד האנרגיה, אבל המומחים אומרים כי המחירים יעלו גם "
              "בשנה הבאה. רבים מהתושבים עדיין לא יודעים כמה הם יצטרכו לשלם על החשמל.",
    "hindi": "सरकार ने कल बिजली के लिए नई योजना की घोषणा की, लेकिन विशेषज्ञों का कहना है कि अगले साल भी "
             "दाम बढ़ेंगे। कई परिवार अभी तक नहीं जानते कि उन्हें कितना भुगतान करना होगा।",
    "polish": "Rząd ogłosił wczoraj nowy plan dla energetyki, ale eksperci mówią, że ceny prądu wzrosną także "
              "w przyszłym roku. Wiele rodzin wciąż nie wie, ile będzie musiało zapłacić za rachunki.",
}


@pytest.mark.parametrize("lang", sorted(PROSE))
def test_every_installed_stop_list_reads_prose(lang):
    text = PROSE[lang]
    assert signals.stop_share(signals.words(text)) >= 0.04
    assert classify_paragraph(text) == "good"


def test_quoted_list_entries_are_cleaned():
    assert signals._clean_stopword('"אבל",') == "אבל"
    assert all(" " not in w for stops in signals._stop_lists() for w in stops)


def test_a_thread_counter_after_the_full_stop_still_ends_a_sentence():
    post = ("A short thread on the new water tariff and what it changes for the valley, since my inbox "
            "is full of questions. 🧵 (1/4)")
    assert signals.ends_sentence(post)
    assert signals.ends_sentence("That is all for today. 4/4")
    assert not signals.ends_sentence("Page 1/4")
    assert classify_paragraph(post) == "good"


def test_a_sentence_ends_at_any_scripts_full_stop():
    # Unicode Sentence_Terminal: the Urdu full stop, the Amharic full stop, full-width marks
    assert signals.ends_sentence("یہ ایک سادہ جملہ ہے۔")
    assert signals.ends_sentence("ይህ ቀላል ነው።")
    assert signals.ends_sentence("本当ですか？")
    assert not signals.ends_sentence("صفحہ اول | خبریں")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_unlisted_script_share_fast_path_agrees_with_the_letter_count(text):
    letters = len(regex.findall(r"\p{L}", text))
    unlisted = len(regex.findall(
        r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}]", text))
    assert signals.unlisted_script_share(text) == (unlisted / letters if letters else 0.0)


@pytest.mark.parametrize(("line", "expected"), [
    ("08 січня 2020, 09:47", (2020, 1, 8, 9, 47)),
    ("5 de enero de 2020", (2020, 1, 5, 0, 0)),
    ("12. listopadu 2019", (2019, 11, 12, 0, 0)),
    ("12 stycznia 2020 o 14:30", (2020, 1, 12, 14, 30)),
    ("2020年1月8日 14:30", (2020, 1, 8, 14, 30)),
    ("2020년 1월 8일", (2020, 1, 8, 0, 0)),
])
def test_dates_with_month_names_of_other_languages_are_timestamps(line, expected):
    stamp = signals.parse_timestamp(line)
    assert (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute) == expected
    assert signals.split_time_line(f"Jan Kowalski, {line}")[0] == "Jan Kowalski"


def test_a_month_before_a_lone_year_is_part_of_the_time_not_a_name():
    assert signals.split_time_line("Oktober 2019") == ("", "Oktober 2019", "")  # an archive link
    assert signals.split_time_line("March 2020") == ("", "March 2020", "")
    assert signals.split_time_line("Ann Lee 2019") == ("Ann Lee", "2019", "")


def test_a_posters_name_after_the_verb_and_time_of_a_post():
    assert signals.split_time_line("answered 3 days ago by Ivo Berg (1.2k points)") == ("Ivo Berg", "3 days ago", "1.2k points")
    assert signals.split_time_line("Posted on 4 May 2021 by kari_d")[0] == "kari_d"
    assert signals.split_time_line("edited 2 days ago by Ivo Berg") is None  # an edit note, no post
    assert signals.split_time_line("The quay opened on 4 May 2021 by the board") is None


def test_a_month_name_needs_a_day_and_a_real_date():
    assert signals.parse_timestamp("31 февраля 2020") is None  # no 31st of February
    assert signals.split_time_line("The 4 mars rovers landed") is None
    assert signals.find_times("listopad was cold") == []


@pytest.mark.parametrize("line", ["pre 2 dana", "45 நிமிடம் முன்", "לפני 3 שעות", "3 saat önce"])
def test_relative_ages_of_languages_without_a_stop_word_list_are_timestamps(line):
    # every locale dateparser ships, not only the stop-word languages (Serbian, Tamil)
    assert signals.find_times(line) == [(0, len(line))]
    assert signals.parse_timestamp(line) is not None


@pytest.mark.parametrize(("line", "minutes"), [("12 min. geleden", 12), ("3 godz. temu", 180), ("2 ч. назад", 120)])
def test_an_abbreviated_unit_keeps_its_dot_in_a_relative_age(line, minutes):
    # the locale data writes "min geleden"; pages write the abbreviation with its dot
    assert signals.find_times(f"Anna B. {line}") == [(8, 8 + len(line))]
    assert signals.parse_timestamp(line) == datetime(2000, 1, 1) - timedelta(minutes=minutes)
    assert signals.find_times("5 min, geleden") == [(0, 5)]  # a comma is no abbreviation dot
    assert signals.find_times("12 . geleden") == []


def test_a_short_word_before_a_count_is_no_age_without_its_unit():
    assert signals.find_times("o 3 kids") == []
    assert signals.split_time_line("Ana · pre 2 dana") == ("Ana", "pre 2 dana", "")


def test_a_rating_or_level_badge_after_a_name_leaves_it_a_name():
    assert signals.name_like("Review by Hamid R. ★★★★")  # five tokens with the stars
    assert signals.name_like("夜航船的猫 LV5") and signals.name_like("Ali_from_Shiraz Lv.3")
    assert not signals.name_like("★★★★½")


@pytest.mark.parametrize("text,expected", [
    ("Will Iraq vote?", True), ("ایران په لور؟", True), ("Ի՞նչ կլինի՞", True),
    ("伊拉克会怎样？", True), ("He asked why.", False), ("Home", False), ("“Why now?”", True),
])
def test_ends_question_in_every_script(text, expected):
    assert signals.ends_question(text) is expected

def test_month_words_are_the_time_finders_months_and_their_abbreviations():
    assert [signals.month_word(w) for w in ("June", "okt", "Sept.", "marts", "juin", "stycznia")] == [True] * 6
    assert [signals.month_word(w) for w in ("Thomas", "Ann", "ma", "Mario")] == [False] * 4


def test_a_day_glued_to_a_name_is_read_with_its_date():
    assert signals.split_time_line("kestrel_bay14 June 2021") == ("kestrel_bay", "14 June 2021", "")
    # the day joins only a date the time finder reads: "3 kohta" is none, the name keeps its digit;
    # "3 märts 2021" (an Estonian month between a day and a year) is one
    assert signals.split_time_line("tom-reyes3 kohta 2021") == ("tom-reyes3 kohta", "2021", "")
    assert signals.split_time_line("tom-reyes3 märts 2021") == ("tom-reyes", "3 märts 2021", "")
    assert signals.split_time_line("olga_p22 · 3 days ago") == ("olga_p22", "3 days ago", "")  # a user number


def test_markdown_links_and_strong_emphasis_are_read_as_their_text():
    assert signals.inline_markup_text("- **Ann** · [3 days ago](https://x.example/a#c-1)") == "- Ann · 3 days ago"
    assert signals.inline_markup_text("kimm**** 2h") == "kimm**** 2h"  # a masked id is no emphasis
    assert signals.split_time_line("**Ann Lee** · [3 days ago](https://x.example/a#c-1)") == ("Ann Lee", "3 days ago", "")
    assert signals.action_line("[Reply](https://x.example/a#reply-88130) · ▲ 9")


def test_a_leading_time_field_is_split_from_the_name_after_it():
    assert signals.split_leading_time("14:32 | Karen_77") == ("14:32", "Karen_77")
    assert signals.split_leading_time("3 hours ago · Ann Lee (Leeds)") == ("3 hours ago", "Ann Lee (Leeds)")
    # a count and a CLDR unit word with an "ago" word the locale data does not list
    assert signals.split_leading_time("३ घण्टा अगाडि · राजु तामाङ") == ("३ घण्टा अगाडि", "राजु तामाङ")
    assert signals.split_leading_time("Home | News") is None
    assert signals.split_leading_time("3 hours ago · Ann · Reply") is None  # one field after the time
    assert signals.split_leading_time("The three men | Ann") is None


def test_a_year_that_ends_the_name_field_is_part_of_the_name():
    assert signals.split_time_line("night watchman 1923  03.01.2020 07:41") == (
        "night watchman 1923", "03.01.2020 07:41", "")


def test_a_day_glued_to_the_name_is_part_of_the_date():
    # a scrape that dropped the space between the reviewer's name and the date
    assert signals.split_time_line("noor_k-8913 May 2021") == ("noor_k-89", "13 May 2021", "")
    assert signals.split_time_line("hassan_ottawa12 March 2021") == ("hassan_ottawa", "12 March 2021", "")
    assert signals.split_time_line("ann May 2021") == ("ann May", "2021", "")  # no day: nothing glued


def test_listed_script_share_is_the_share_of_letters_in_the_stop_lists_scripts():
    assert signals.listed_script_share("Մեղրիի ճանապարհը մեր միակ ելքն է։") == 0.0
    assert signals.listed_script_share("Никакой войны не будет.") == 1.0
    assert signals.listed_script_share("2019 | 13:05") == 1.0  # no letters: nothing unlisted



def test_a_star_rating_before_a_time_is_no_name():
    # a review card's "★★★★☆ 2 months ago" line: the rating the reviewer gave, then the time
    assert signals.split_time_line("★★★★☆ 2 months ago") == ("", "2 months ago", "")
    assert signals.split_time_line("⭐⭐⭐ 12.03.2021") == ("", "12.03.2021", "")
    assert signals.split_time_line("Ines M. 12.03.2021")[0] == "Ines M."


def test_guest_placeholders_of_further_languages_name_no_one():
    assert all(signals.anonymous_name(n) for n in ("Vieras", "Зочин", "Mgeni", "qof aan la aqoon"))
    assert not signals.anonymous_name("Vierasmaa")


def test_a_relative_day_before_the_clock_is_part_of_the_time_not_a_name():
    assert signals.split_time_line("eilen 18:05") == ("", "eilen 18:05", "")
    assert signals.split_time_line("mira_k · yesterday 18:05")[0] == "mira_k"
    assert signals.split_time_line("Jana 18:05")[0] == "Jana"  # a short capitalised word may be a name


def test_a_letter_of_a_caseless_script_after_a_name_is_an_initial():
    assert not signals.ends_sentence("ლევან გ.")
    assert not signals.ends_sentence("محمد ع.")
    assert signals.ends_sentence("we chose plan b.")


def test_an_ago_word_the_locale_uses_for_one_unit_serves_every_unit():
    assert len(signals.find_times("mira_k — 2 گھنٹے قبل")) == 1
    assert signals.split_time_line("Otto Lind — 40 منٹ قبل")[0] == "Otto Lind"


def test_a_month_name_of_any_language_between_a_day_and_a_year_is_a_date():
    # CLDR month names of languages without a stop-word list (Uzbek "yanvar", Kinyarwanda
    # "Mutarama") make a date only between a day number and a year
    line = "14 yanvar 2021, 09:15"
    assert [line[a:b] for a, b in signals.find_times(line)] == ["14 yanvar 2021", "09:15"]
    assert signals.parse_timestamp(line).month == 1
    assert signals.split_time_line("Bobur_77   3 Mutarama 2021") == ("Bobur_77", "3 Mutarama 2021", "")
    assert not signals.find_times("Bobur yanvar oyida keldi")  # no day, no year: a word


def test_a_name_ending_in_a_run_of_initials_ends_no_sentence():
    assert not signals.ends_sentence("Uwimana J.P.")
    assert not signals.ends_sentence("Tamar G.")
    assert signals.ends_sentence("The ferry left at noon.")


def test_an_ago_word_of_one_language_with_the_unit_word_of_another_is_an_age():
    # Catalan's leading "fa" with Filipino's "oras": a dialect no locale lists
    assert signals.split_time_line("fa 2 oras") == ("", "fa 2 oras", "")
    assert signals.parse_timestamp("fa 2 oras") is not None
    # a duration, or a count of years with an article before it, is no age
    assert signals.find_times("3 saat sürdü") == []
    assert signals.find_times("los 75 años de edad") == []


def test_a_wiki_users_links_after_the_name_leave_a_name():
    assert signals.name_like("Ann Lee (talk | contribs)")
    assert not signals.name_like("Nothing here (at all | really) today, said the clerk.")


def test_a_footnote_reference_after_the_full_stop_still_ends_a_sentence():
    assert signals.ends_sentence("The agreement was signed in Harare in 2012.[1]")
    assert signals.ends_sentence("The agreement was signed in Harare in 2012.²")
    assert not signals.ends_sentence("See the agreement [1]")


def test_locale_patterns_compile_on_first_use_or_in_the_workers_preload():
    pattern = signals._OnFirstUse(r"(\d+) (?P<unit>h|d)")
    assert pattern._compiled is None  # importing the module compiled nothing
    assert pattern.fullmatch("3 h")["unit"] == "h" and not pattern.search("three hours")
    assert isinstance(pattern._compiled, regex.Pattern)
    signals.compile_patterns()
    assert signals._OnFirstUse.deferred and all(p._compiled for p in signals._OnFirstUse.deferred)


def test_a_federated_handle_after_the_display_name_leaves_a_name():
    assert signals.name_like("Tomasz Wielgosz @tomaszw@ferry.example.social")
    assert signals.name_like("Ko D. @kod@pier.example.fi")
    assert not signals.name_like("The pier closed early today. @tomaszw@ferry.example.social")


@pytest.mark.parametrize(("line", "day"), [
    ("۱۷ مهر ۱۴۰۱", datetime(2022, 10, 9)),  # Solar Hijri (Iranian month names)
    ("5 Esfand 1399 ساعت 08:15", datetime(2021, 2, 23, 8, 15)),
    ("۳ ربیع‌الثانی ۱۴۴۳", datetime(2021, 11, 8)),  # lunar Hijri, Persian spelling
    ("14 شعبان 1442", datetime(2021, 3, 27))  # Umm al-Qura,
])
def test_solar_and_lunar_hijri_dates_are_timestamps(line, day):
    date = " ".join(line.split()[:3])
    assert signals.find_times(line)[0] == (0, len(date))
    assert signals.parse_timestamp(line) == day
    assert signals.split_time_line(f"Leyla K. {line}") == ("Leyla K.", line, "")


def test_a_hijri_month_name_without_a_day_and_year_is_a_word():
    assert signals.find_times("مهر 5 نفر") == [] and signals.parse_timestamp("رجب علی") is None
    assert signals.split_time_line("رجب 12:40") == ("رجب", "12:40", "")  # a name (Rajab) before a clock


def test_a_weekday_name_of_any_language_before_a_date_is_part_of_the_time():
    for line in ("Perşembe 14 Mart 2019 saat 10:05", "دوشنبه ۴ آذر ۱۳۹۸", "الخميس 14 مارس 2019"):
        assert signals.split_time_line(line)[0] == "", line
        assert signals.parse_timestamp(line) is not None, line
    assert signals.split_time_line("Nuri Perşembe 14 Mart 2019") == ("Nuri", "Perşembe 14 Mart 2019", "")
    assert signals.split_time_line("Nuri Tekin 14 Mart 2019")[0] == "Nuri Tekin"  # no weekday: the name stays
    assert signals.find_times("Mittwoch, 8. Januar 2020") == [(0, 24)]  # a comma after the weekday
    # before an age a weekday name may be the poster's name
    assert signals.split_time_line("Domingo 3 hours ago")[:2] == ("Domingo", "3 hours ago")

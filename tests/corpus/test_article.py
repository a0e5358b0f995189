"""Tests of corpuslib.corpus.article (the article by content and the title before it)."""

from __future__ import annotations

from corpuslib.corpus.article import GOOD, classify_paragraph, find_title

PROSE = ("The regional council voted on Tuesday to delay the new water tariff by a year, and the mayor "
         "said that the delay would give households time to fix their meters.")


def _title(lines: list[str], **kw) -> str | None:
    found = find_title(lines, len(lines) - 1, **kw)
    return lines[found[0]] if found else None


def test_a_manifest_title_worded_differently_is_found_by_shared_words():
    lines = ["Harbour Weekly", "News | Opinion | Contact",
             "Dry Taps in the Valley: Why the Water Tariff Was Delayed", "By Ana Ruiz", PROSE]
    assert _title(lines, title="Valley water tariff delay report") == lines[2]
    # a manifest title the page does not show leaves the page's own headline over its byline
    assert _title(lines, title="Something else entirely") == lines[2]
    assert _title(lines[:3] + [PROSE], title="Something else entirely") is None


def test_a_line_with_a_clock_time_is_no_headline():
    lines = ["Harbour Weekly", "Valley Council Delays the Water Tariff", "Mar 3, 2024 at 10:02 AM · Everyone can reply",
             "Ana Ruiz", PROSE]
    assert _title(lines) == lines[1]
    assert _title(["Mar 3, 2024 at 10:02 AM · Everyone can reply", PROSE]) is None


def test_a_chinese_headline_beats_a_short_login_line():
    lines = ["论坛 首页 | 新闻 | 财经", "水价上调推迟一年，居民怎么看？", "登录 注册 | 手机版", "点击：1,204 回复：9",
             "市议会星期二投票决定把新的水价推迟一年实施，市长表示这样可以让居民有时间修好水表，也让自来水公司重新核算成本。"]
    assert _title(lines) == lines[1]


def test_a_menu_row_without_separators_is_no_headline():
    lines = ["Harbour Weekly", "Politics Economy Science Sport Opinion Culture Travel",
             "Search Feeds Sign in Create account", "Ana Ruiz", PROSE]
    assert _title(lines) is None


def test_a_tag_list_does_not_win_the_slug_match():
    lines = ["Harbour Weekly", "Why the Valley Tariff Was Delayed Again", "Topics: water, valley, tariff policy", PROSE]
    assert _title(lines, url="https://hw.example.org/posts/water-valley-tariff-delay/") == lines[1]


def test_a_photo_credit_in_another_language_is_no_headline():
    lines = ["Harbour Weekly", "Совет отложил новый тариф на воду на год", "Вид на город. Фото: Городской вестник",
             PROSE]
    assert _title(lines) == lines[1]


def test_a_notes_heading_before_footnotes_is_no_chrome():
    from corpuslib.corpus.segment import segment_text
    from corpuslib.lexicons import parse_rules

    page = ("Harbour Weekly | News | Contact\n\nWhy the Valley Tariff Was Delayed Again\n\n" + PROSE + "\n\n"
            + PROSE.replace("Tuesday", "Friday") + "\n\nNotes\n\n"
            "[1] The council minutes of the March meeting, which were published two weeks later than usual.\n")
    units = segment_text(page, rules=parse_rules("", source="<empty>"))
    assert [u.role for u in units if u.text == "Notes"] == ["body"]


def test_a_short_group_name_above_a_post_is_no_headline():
    lines = ["Groups", "Valley Gardeners Club", "Ana Ruiz", "3h", PROSE]
    assert _title(lines) is None
    lines = ["Groups", "Valley gardeners argue about the new water tariff", "Ana Ruiz", "3h", PROSE]
    assert _title(lines) == lines[1]


def test_a_channel_name_shown_with_every_post_is_no_headline():
    channel = "Valley Gardeners Club | water and soil news"
    lines = [channel, "Community · 4 210 members", channel, "12 May", PROSE,
             f"Reply from {channel}: thanks", f"{channel} replied"]
    assert find_title(lines, 4) is None


def test_a_syndication_note_is_a_colophon():
    from corpuslib.corpus.article import classify_paragraph

    assert classify_paragraph("This article originally appeared in The Valley Review and is republished "
                              "here with permission.") == "bad"
    assert classify_paragraph("Originally Published: March 4, 2021 at 6:45 p.m.") == "bad"


def test_a_closing_sentence_about_attendance_is_no_author_bio():
    from corpuslib.corpus.article import author_bio

    assert not author_bio("The meeting was attended by the Director of the Harbour Department and two advisers.")
    assert author_bio("Dr. Ana Ruiz is a senior fellow at the Valley Institute.")


def test_prose_in_a_caseless_script_without_a_stopword_list_is_good():
    from corpuslib.corpus.article import classify_paragraph

    # made-up Arabic-script words: no installed stop-word list holds any of them
    sentence = "ژەنگۆ پەرداڤ سیمارۆ ڤەلکان دۆرەنی گاپۆش تەرزین"
    prose = f"{sentence} هەلیان. {sentence} ڕۆنان. {sentence} کاژیر. {sentence} مۆرین۔"
    assert classify_paragraph(prose) == "good"
    assert classify_paragraph("ژەنگۆ پەرداڤ سیمارۆ ڤەلکان دۆرەنی گاپۆش تەرزین هەلیان ڕۆنان کاژیر") != "good"


def test_a_note_on_the_status_of_a_transcript_or_record_is_a_colophon():
    from corpuslib.corpus.article import classify_paragraph

    assert classify_paragraph("This is an unedited transcript of the hearing and may contain errors; "
                              "please check it against the video before you quote it.") == "bad"
    assert classify_paragraph("For the use of the press only. Not an official record.") == "bad"
    assert classify_paragraph("Disclaimer: Rulings are reproduced for reference and may not reflect "
                              "the official version published by the clerk.") == "bad"
    assert classify_paragraph(PROSE) == "good"


def test_a_note_about_the_piece_does_not_win_the_manifest_title_match():
    lines = ["Harbour Council | Meetings", "Monthly Meeting of the Harbour Council",
             "The following is an unedited transcript of the monthly meeting of the harbour council.", PROSE]
    assert _title(lines, title="Monthly harbour council meeting transcript") == lines[1]


def test_another_posters_header_after_the_prose_ends_the_article():
    from corpuslib.corpus.article import trim_article_end

    texts = ["Riverside Board | Politics", "Mira_K 03/02/21 10:15:44 No.5501", PROSE,
             PROSE.replace("Tuesday", "Friday"), "Halim 03/02/21 10:19:02 No.5502",
             PROSE.replace("council", "committee")]
    classes = ["bad", "short", "good", "good", "short", "good"]
    assert trim_article_end(classes, texts, (2, 5)) == (2, 3)
    # the author's own next part (a self-thread) and a bare time line do not end it
    texts[4] = "Mira_K 03/02/21 10:19:02 No.5502"
    assert trim_article_end(classes, texts, (2, 5)) == (2, 5)
    texts[4] = "10:19 GMT"
    assert trim_article_end(classes, texts, (2, 5)) == (2, 5)


def test_a_timed_chapter_list_is_no_run_of_post_headers():
    from corpuslib.corpus.article import find_article, trim_article_end

    texts = ["Harbour Radio", PROSE, PROSE.replace("council", "assembly"), "Chapters:", "00:00 Welcome",
             "06:20 The tariff vote in the council", "19:45 What the meters cost households",
             "In the second half we ask whether the delay helps the poorest households at all.",
             "Share this episode"]
    classes = ["short", "good", "good", "short", "short", "short", "short", "medium", "bad"]
    span = find_article(classes, texts)
    assert span == (1, 7)  # the list is part of the show notes, and the prose after it too
    assert trim_article_end(classes, texts, span) == (1, 7)
    # without the prose after it, the list does not stretch the article
    assert find_article(classes[:7] + ["bad", "bad"], texts[:7] + ["Share", "Share this episode"]) == (1, 2)


def test_a_one_sentence_lead_in_a_language_without_a_stopword_list_is_prose():
    from corpuslib.corpus.article import classify_paragraph

    # made-up Latin-script words: no installed stop-word list holds them
    lead = ("KOTA LAMAR: Harpo vintelu marakesh sotuva pelinda kroset ulvami, dorfen takilo "
            "ruvesta minkal porveno sadrik velumo tarsin.")
    assert classify_paragraph(lead) == "medium"
    # a row of terse notices and a capitalised name row are not prose
    assert classify_paragraph("Vintelu marakesh. Sotuva pelinda kroset. Ulvami dorfen takilo.") != "medium"
    assert classify_paragraph("Harpo Vintelu Marakesh Sotuva Pelinda Kroset Ulvami Dorfen.") != "medium"


def test_a_short_closing_sentence_after_the_prose_stays_in_the_article():
    from corpuslib.corpus.article import closing_line, find_article

    texts = ["News | Opinion", PROSE, PROSE.replace("Tuesday", "Friday"), "Calm waters to all of you.",
             "Show more", "Was this page helpful? Yes · No"]
    classes = ["bad", "good", "good", "short", "short", "short"]
    assert find_article(classes, texts) == (1, 3)
    assert closing_line("So ordered.") and closing_line("想听听大家怎么看，轻拍。")
    # a question, a date or site vocabulary is no sign-off
    assert not closing_line("Was this page helpful?")
    assert not closing_line("Updated 12 May 2020.")
    assert not closing_line("Share on Facebook.")


def test_the_account_a_url_path_names_is_no_title():
    url = "https://social.example/ann_lee/status/1596421093871265792"
    assert _title(["Home | Explore", "Ann Lee", "@ann_lee", PROSE], url=url) is None
    slug_url = "https://news.example/2020/01/08/water-tariff-delay/"
    lines = ["Home | Explore", "Water Tariff Delay Angers Valley Farmers", PROSE]
    assert _title(lines, url=slug_url) == lines[1]


def test_a_row_of_site_labels_is_no_headline():
    lines = ["VALLEY PRESS IMAGES", "Search images Collections Editorial Creative Licensing Sign in",
             "Farmers block the valley road over water tariff", "[image]", PROSE]
    assert _title(lines) == lines[2]
    assert _title(["Home Search Notifications Messages Groups Profile", "Ann Lee ✔", PROSE]) is None
    assert _title(["[Home] [Photos from the Valley] [Links] [Guestbook] [Email Me]", PROSE]) is None


def test_a_browser_title_is_matched_by_its_headline_piece():
    lines = ["Harbour Guide", "Asia > Valley > Restaurants", "Mill House Grill", "4.5 218 reviews", PROSE]
    assert _title(lines, title="Mill House Grill, Valley - Restaurant Reviews") == lines[2]
    lines = ["EDITORIAL DRAFT", "Dry Taps in the Valley", "By Ana Ruiz", PROSE]
    assert _title(lines, title="DRAFT – the valley's dry taps and the tariff delay") == lines[1]


def test_a_placeholder_repeated_from_above_is_no_sign_off():
    from corpuslib.corpus.article import sign_off_end

    classes, texts = ["good", "short", None], [PROSE, "[missing image]", "Tags: water, tariff"]
    assert sign_off_end(classes, texts, 0, 0, header="[missing image] By Ana Ruiz") == 0
    texts[1] = "Ana"
    assert sign_off_end(classes, texts, 0, 0, header="[missing image] By Ana Ruiz") == 1


def test_the_authors_sign_off_inside_the_run_closes_the_article():
    from corpuslib.corpus.article import sign_off_end, trim_article_end

    prose = "The talks resumed on Monday and the delegations met for three hours in the old hotel."
    texts = ["Weekly Brief #12\nDana Reyes\nMay 2", prose, prose, "Dana",
             "Enjoyed this issue? Share it with a friend and get a free map of the region as a thank-you.",
             "Your referral link: https://brief.example/r/x1 You have 0 referrals so far."]
    classes = ["good", "good", "good", "short", "good", "good"]
    start, stop = trim_article_end(classes, texts, (0, 5))
    assert (start, stop) == (0, 2)
    assert sign_off_end(classes, texts, start, stop, header="", closed=True) == 3


def test_a_speaker_label_that_recurs_is_no_sign_off():
    from corpuslib.corpus.article import trim_article_end

    speech = "I thank the honourable member for the question and I will write to her with the details."
    texts = ["Statement\nMr Carrow", speech, speech, "Mr Carrow", speech, "Ms Marsh", speech, "Mr Carrow", speech]
    classes = ["good", "good", "good", "short", "good", "short", "good", "short", "good"]
    assert trim_article_end(classes, texts, (0, 8)) == (0, 8)


def test_a_salutation_before_the_first_paragraph_opens_the_article():
    from corpuslib.corpus.segment import segment_text
    from corpuslib.lexicons import parse_rules

    page = ("Forum › News\n\nWill the talks survive the summer?\n\nposted by kay 09-01-2020 08:12\n\n"
            "Good morning everyone,\n\n"
            "I want to talk about the news from Vienna this week, because the delegations say they are close "
            "to a deal and the markets have already moved on the rumours.\n\n"
            "The sticking points are the same as last year, and both sides say the other must move first "
            "before anything is signed in the hotel.\n")
    units = segment_text(page, rules=parse_rules("{}"))
    body = [u.text for u in units if u.role == "body"]
    assert body[0] == "Good morning everyone,"


def test_a_vocative_greeting_closed_by_an_exclamation_opens_the_article():
    from corpuslib.corpus.segment import segment_text
    from corpuslib.lexicons import parse_rules

    prose = ("I want to talk about the news from Vienna this week, because the delegations say they are close "
             "to a deal and the markets have already moved on the rumours.\n\n"
             "The sticking points are the same as last year, and both sides say the other must move first "
             "before anything is signed in the hotel.\n")
    head = "Forum › News\n\nWill the talks survive the summer?\n\nposted by kay 09-01-2020 08:12\n\n"
    units = segment_text(head + "Good evening, dear readers!\n\n" + prose, rules=parse_rules("{}"))
    assert [u.text for u in units if u.role == "body"][0] == "Good evening, dear readers!"
    units = segment_text(head + "Subscribe today!\n\n" + prose, rules=parse_rules("{}"))  # no addressee: chrome
    assert [u.text for u in units if u.role == "body"][0].startswith("I want to talk")


def test_a_headline_over_its_byline_beats_a_breaking_news_banner():
    # sentence case (most languages) gives the headline few capitals; the byline under it decides
    lines = ["VALLEY NEWS", "BREAKING: Valley Airline Halts Flights", "Home | World",
             "Council delays the water tariff: what we know so far", "Ana Ruiz, 8 January 2020, 09:47",
             "Share: Facebook Telegram", PROSE]
    assert _title(lines) == lines[3]


def test_a_blog_date_header_above_the_post_title_is_no_byline():
    lines = ["Valley Matters", "The Valley, its Water, and the people who argue about it",
             "Tuesday, December 18, 2012", "Tariffs, Meters and the Council Vote", PROSE]
    assert _title(lines) == lines[3]


def test_byline_shapes():
    from corpuslib.corpus.article import byline_shaped

    assert byline_shaped("Olena Kravchuk, 08 січня 2020, 09:47")
    assert byline_shaped("By Ann Lee") and byline_shaped("Mikko Laaksonen")
    assert not byline_shaped("Tuesday, December 18, 2012")
    assert not byline_shaped("The troops left in 2011.")


def test_a_headline_ending_in_an_arabic_question_mark_is_a_headline():
    lines = ["پښتو | دری | English", "ویانا خبرې: ایران او امریکا بیا د اټومي تړون په لور؟", "۲۰۲۱ اپرېل ۱۱",
             "لیکوال: احمد", PROSE]
    assert _title(lines) == lines[1]


def test_a_slug_spelled_without_accents_or_apostrophes_finds_the_headline():
    lines = ["sözlük", "giriş kayıt ol", "kasım süleymani'nin öldürülmesi", "şükela: tümü | bugün", PROSE]
    assert _title(lines, url="https://sozluk.example.com/kasim-suleymaninin-oldurulmesi--6312874") == lines[2]


def test_a_unit_flagged_as_a_menu_is_never_the_title():
    lines = ["Басты бет Саясат Экономика Әлем Қоғам Аймақ Спорт", "Алматы", PROSE]
    assert _title(lines) == lines[0]  # tidied, the menu reads like a capitalised headline
    assert _title(lines, menus=[True, False, False]) is None


def test_the_manifest_title_alone_beats_an_earlier_line_that_goes_on_after_it():
    lines = ["Forum > Politics", "Should Denmark pull its soldiers out of Iraq? by Kasper_A",
             "|-- Re: Should Denmark pull its soldiers out of Iraq? by Mette", "Should Denmark pull its soldiers out of Iraq?",
             PROSE]
    assert _title(lines, title="Should Denmark pull its soldiers out of Iraq?") == lines[3]
    assert _title(lines[:3] + [PROSE], title="Should Denmark pull its soldiers out of Iraq?") == lines[1]


def test_a_headline_a_labelled_field_repeats_is_the_title():
    lines = ["Cables Archive", "Browse | Search | About", "BASRA OFFICIALS DESCRIBE ELECTRICITY LEVERAGE",
             "Reference ID Created Released", "SIPDIS", "TAGS: PGOV, ENRG", "SUBJECT: BASRA OFFICIALS DESCRIBE ELECTRICITY LEVERAGE",
             PROSE]
    assert _title(lines) == lines[2]
    assert _title(lines[:2] + lines[3:]) != lines[5]  # a field alone names no headline line


def test_a_confidential_marking_is_no_copyright_notice():
    from corpuslib.corpus.article import classify_paragraph
    text = ("1. (C) SUMMARY: Provincial officials told embassy staff on November 15 that the province "
            "depends on imported power for most of the summer, and that the supplier uses it as leverage.")
    assert classify_paragraph(text) == "good"
    assert classify_paragraph("(c) 2021 Harbour Media. Reuse of this article is not allowed.") == "bad"


def test_a_manifest_subject_the_page_does_not_show_falls_back_to_the_headline():
    lines = ["Subscribe Past Issues Translate RSS", "Weekly bulletin · Friday, 3 December 2021 · No. 47",
             "Vienna, Baghdad and the price of the barrel",
             "Por Inês Carvalho Brandão, coordenadora do programa Médio Oriente", PROSE]
    assert _title(lines, title="Energy & Geopolitics Bulletin no. 47") == lines[2]


def test_a_first_name_alone_under_the_last_paragraph_signs_it_a_full_name_needs_the_page_to_close():
    from corpuslib.corpus.article import sign_off_end
    classes = ["short", "good", "short", "short", "short"]
    texts = ["By Inês Carvalho Brandão", PROSE, "Inês", "Readings of the week", "» Analysis: the new team"]
    assert sign_off_end(classes, texts, 1, 1) == 2
    texts[2] = "Inês Brandão"  # an author box's name, not a sign-off
    assert sign_off_end(classes, texts, 1, 1) == 1
    texts[2] = "Maria"  # a name the header did not give
    assert sign_off_end(classes, texts, 1, 1) == 1
    tags = ["Iraq Votes on the Troops Bill", PROSE, "Iraq", "Iran", "Sanctions"]  # a tag list, not a sign-off
    assert sign_off_end(classes, tags, 1, 1) == 1


def test_an_account_key_or_an_image_placeholder_is_no_headline():
    lines = ["Thread", "Omar Faris", "npub1q9r3x7ys0kd2m8v4w5n6p0tlf3e2c8ahzu7j5g", "9h", PROSE]
    assert _title(lines) is None
    lines = ["[Poster: Embassy Road, a documentary (2021)]", "Menu", PROSE]
    assert _title(lines) is None
    assert _title(lines, title="Embassy Road, a documentary (2021) - User reviews") is None

def test_prose_in_a_cased_script_no_stop_word_list_is_written_in_is_prose():
    from corpuslib.corpus.article import prose_line

    armenian = ("Արտաքին գործերի նախարարությունը դեռ պաշտոնական մեկնաբանություն չի տվել։ Աղբյուրները նշում են, "
                "որ հաջորդ շաբաթ Երևան է ժամանելու ամերիկյան պատվիրակություն, որի օրակարգում կլինի նաև "
                "տարածաշրջանային անվտանգությունը։")
    assert prose_line(armenian)
    assert not prose_line("Կիսվել  Facebook  Telegram  Twitter")


def test_a_line_repeated_under_later_posts_closes_the_post_but_a_speaker_label_does_not():
    from corpuslib.corpus.article import close_at_post_controls
    classes = ["good", "good", "short", "medium"]
    texts = [PROSE, PROSE, "Like · Reply", "Ann and 6 others like this."]
    assert close_at_post_controls(classes, texts, 0, 3, [0, 0, 4, 0]) == 1
    assert close_at_post_controls(classes, texts, 0, 3, [0, 0, 1, 0]) == 3  # shown once after the post
    # a repeated line with more good prose after it in the run heads a part of the article
    parts = ["good", "short", "good", "medium"]
    lines = [PROSE, "Background", PROSE, "That concludes the report."]
    assert close_at_post_controls(parts, lines, 0, 3, [0, 2, 0, 0]) == 3


def test_an_author_box_needs_the_bylines_name_and_a_description_under_it():
    from corpuslib.corpus.article import author_box
    classes = ["good", "good", "short", "medium"]
    texts = [PROSE, PROSE, "Marcus Bell", "Defense editor. Former Army intelligence analyst."]
    assert author_box(classes, texts, 0, 3, header="Marcus Bell 1/03/20 7:15AM Filed to: IRAN") == 2
    assert author_box(classes, texts, 0, 3, header="Dana Ruiz 1/03/20 7:15AM") is None  # not the byline's name
    assert author_box(classes[:3], texts[:3], 0, 2, header="Marcus Bell 1/03/20") is None  # a name alone signs
    assert author_box(["good", "short", "medium"], [PROSE, *texts[2:]], 0, 2, header="Marcus Bell") is None  # one paragraph


def test_a_mail_signature_under_a_quoted_printable_separator_signs_the_post():
    from corpuslib.corpus.article import sign_off_end
    classes = ["good", "bad", "short", "short", "short", "short", "short", "short"]
    texts = [PROSE, "Best,", "Dana", "--=20", "Dana Whitcombe", "Senior Fellow, Water Program",
             "RiverLab (example.org)", "_______________________________________________"]
    assert sign_off_end(classes, texts, 0, 0) == 6
    assert sign_off_end(classes, texts[:3] + ["Unsubscribe"], 0, 0) == 2  # the name still signs without a signature
    assert sign_off_end(["good", "bad", "short"], [PROSE, "Home, News,", "Dana"], 0, 0) == 0  # no valediction


def test_a_heading_the_lead_uses_as_a_common_noun_is_no_first_name_sign_off():
    from corpuslib.corpus.article import trim_article_end
    lead = ("The ministry added two trading firms to the list today, and the entities named below may no "
            "longer receive payments from licensed banks in the region.")
    classes = ["good", "good", "short", "good"]
    assert trim_article_end(classes, [lead, PROSE, "Entities", PROSE], (0, 3)) == (0, 3)
    signed = "Ines Moreau for the Valley Letter. " + lead  # a byline stacked on the lead gives the name
    assert trim_article_end(classes, [signed, PROSE, "Ines", PROSE], (0, 3)) == (0, 1)


def test_a_credit_label_after_the_last_paragraph_closes_the_article_before_a_pitch():
    from corpuslib.corpus.article import trim_article_end
    classes = ["good", "good", "short", "medium"]
    texts = [PROSE, PROSE, "Contributing: Harbour Wire", "Support local journalism. Subscribe today for just $1 a month."]
    assert trim_article_end(classes, texts, (0, 3)) == (0, 1)
    # a label line with more good prose after it is inside the article
    assert trim_article_end(["good", "short", "good"], [PROSE, "Update: police named the driver", PROSE], (0, 2)) == (0, 2)
    # a closing sentence is no label
    assert trim_article_end(classes, texts[:2] + ["Note: the council meets again on Monday.", texts[3]], (0, 3)) == (0, 3)



def test_a_short_title_quoted_by_the_comment_count_line_is_the_title():
    lines = ["Valley Notebook", "Recent posts", "- Autumn in the Hills", "- A Letter from the Valley",
             "12 March 2024", "A Letter from the Valley", PROSE, '4 comments on "A Letter from the Valley"']
    found = find_title(lines, 6)
    assert found is not None and found[0] == 5
    # a quotation inside the prose is no echo of a headline
    assert find_title(["Valley Notebook", "The Water Tariff", PROSE + ' He called it "the water tariff" twice.'], 2) is None


def test_a_lead_of_two_sentences_does_not_win_the_slug_match():
    lines = ["Harbour Weekly", "Valley tariff: council waits a year", "By Ana Ruiz",
             "The valley council delayed the tariff. Households have a year to fix their meters.", PROSE]
    assert _title(lines, url="https://hw.example.org/2024/03/valley-tariff-delayed/") == lines[1]


def test_prose_in_a_language_that_capitalises_its_nouns_is_good():
    from corpuslib.corpus.article import classify_paragraph
    lead = ("Nodeems Regierung e Méindeg nei Reegele fir Waasser a Stroum ugekënnegt huet, kréien "
            "d'Gemengen elo Froen iwwer hir Tariffer. Dat betrëfft och Iechternach.")
    assert classify_paragraph(lead) == "good"
    # a row of names and places stays short
    assert classify_paragraph("Ana Ruiz, Harbour Weekly, Valley Bureau, Iechternach") == "short"


def test_a_row_of_search_placeholders_is_chrome_not_sentences():
    from corpuslib.corpus.article import classify_paragraph, find_article
    bar = "Sort by date... Filter by topic... Type a keyword..."
    assert classify_paragraph(bar) == "bad"
    assert classify_paragraph("He paused... then he said it again, and left the room with his coat.") != "bad"
    texts = [PROSE, PROSE, bar, "Newest first"]
    assert find_article([classify_paragraph(t) for t in texts], texts) == (0, 1)


def test_a_short_prompt_trailing_off_in_an_ellipsis_is_no_sentence():
    from corpuslib.corpus.article import classify_paragraph
    assert classify_paragraph("Need more details? Browse the answers and reviews...") == "short"
    # a long sentence that trails off is still prose
    long_one = ("The council said that it would look again at the tariff in the spring, and that the "
                "households in the valley would hear from it before then...")
    assert classify_paragraph(long_one) == "good"


def test_a_headline_ending_in_the_month_and_year_of_its_story_is_a_headline():
    lines = ["Harbour Weekly", "[Home] [Photos] [Links] [Guestbook]", "Notes from the Valley Council, March 2024",
             "posted 03/19/2024", PROSE]
    assert _title(lines) == lines[2]
    assert _title(["Harbour Weekly", "Ana Ruiz, 19 March 2024", PROSE]) is None  # a dated byline is no headline


def test_a_disclaimer_of_advice_or_accuracy_is_a_colophon():
    from corpuslib.corpus.article import classify_paragraph, find_article
    notes = ["This briefing is provided for informational purposes only and does not constitute legal advice.",
             "This record may not be 100 percent accurate and may contain typos and other inaccuracies.",
             "Ce bulletin ne constitue pas un conseil juridique."]
    assert [classify_paragraph(n) for n in notes] == ["bad"] * 3
    texts = [PROSE, PROSE, notes[0]]
    assert find_article([classify_paragraph(t) for t in texts], texts) == (0, 1)


def test_a_heading_counting_the_responses_ends_the_article():
    from corpuslib.corpus.article import trim_article_end
    reply = "I heard the same from my cousin in the valley, and the meters there are older than the tariff itself."
    classes = ["good", "good", "bad", "short", "short", "good", "short", "good"]
    texts = [PROSE, PROSE, "Share: Mail Print", "Listener messages (2)", "From: Ana, Valley", reply, "From: Bo", reply]
    assert trim_article_end(classes, texts, (0, 7)) == (0, 1)
    # a film's year in brackets heads more of the article
    texts[3] = "Valley Water (2021)"
    assert trim_article_end(classes, texts, (0, 7)) == (0, 7)


def test_a_registration_wall_after_the_author_bio_is_a_colophon():
    from corpuslib.corpus.article import classify_paragraph, trim_article_end
    wall = "Read the whole story and our other reports: access the full article by registering with your email."
    assert classify_paragraph(wall) == "bad"
    assert classify_paragraph("To continue reading, create a free account.") == "bad"
    bio = "Ana Ruiz is a reporter for Harbour Weekly who covers the valley council."
    texts = [PROSE, PROSE, bio, wall]
    classes = [classify_paragraph(t) for t in texts]
    assert trim_article_end(classes, texts, (0, 3)) == (0, 1)


def test_a_one_word_field_label_does_not_join_the_headline():
    from corpuslib.corpus.article import title_continues
    assert not title_continues("Title:", "Why the valley council delayed the water tariff")
    assert title_continues("Dry Taps:", "Why the valley council delayed the water tariff")


def test_a_prose_paragraph_closing_on_a_credit_is_prose():
    from corpuslib.corpus.article import classify_paragraph
    credit = PROSE + " Scanned from the original print, no other edits. © the Ruiz family, shared for teaching."
    assert classify_paragraph(credit) == "good"
    assert classify_paragraph("© 2024 Harbour Weekly. All rights reserved. Terms of use apply to every page.") == "bad"


def test_a_row_of_markdown_links_is_a_menu():
    from corpuslib.corpus.article import classify_paragraph, find_article
    row = "Tags: [Water](https://hw.example.org/tags/water) [Valley](https://hw.example.org/tags/valley)"
    assert classify_paragraph(row) == "bad"
    texts = [PROSE, PROSE, row]
    assert find_article([classify_paragraph(t) for t in texts], texts) == (0, 1)


def test_a_link_naming_the_headline_with_more_words_is_no_headline():
    lines = ["Harbour Weekly", "Valley Water: The Tariff Question", "Debated on Tuesday", "Download",
             "See all Valley Water: The Tariff Question debates", "Read the full text", PROSE]
    assert _title(lines) == lines[1]


def test_an_uncorrected_proof_notice_is_a_colophon():
    from corpuslib.corpus.article import classify_paragraph
    notice = ("UNCORRECTED PROOF - This is an uncorrected proof of the hearing. It is released on the condition "
              "that it may be quoted only with the words uncorrected proof next to it.")
    assert classify_paragraph(notice) == "bad"


def test_a_closing_sentence_followed_by_hashtags_is_still_a_closing_line():
    from corpuslib.corpus.article import closing_line
    assert closing_line("总之，水价会涨，但问题还没解决。#水价# #河谷#")
    assert closing_line("Small steps, but nothing is solved yet. #water #valley")
    assert not closing_line("#water #valley")


def test_a_short_headline_under_a_breadcrumb_ending_in_its_first_word_is_the_title():
    lines = ["Harbour Weekly", "Home > Guides > Regions > Valley", "Valley water advice", "Level 2 - take care",
             "Updated: 3 March 2024", PROSE]
    found = find_title(lines, 5, menus=[False, True, False, False, False, False])
    assert found is not None and found[0] == 2
    # no breadcrumb over it: a three-word line is no headline
    assert find_title(["Harbour Weekly", "Valley water advice", PROSE], 2) is None


def test_a_burmese_or_khmer_sentence_is_prose_by_its_characters_not_its_few_spaced_words():
    # these scripts space phrases, not words: a long sentence splits into a handful of "words"
    burmese = "မြို့တော်ရှိ ဈေးဆိုင်များတွင် ဆန်ဈေးနှုန်း ယခုအပတ်အတွင်း သိသိသာသာ မြင့်တက်လာခဲ့သည်ဟု ကုန်သည်များက ပြောကြားသည်။"
    khmer = "អ្នកលក់ដូរនៅផ្សារកណ្តាលបាននិយាយថា តម្លៃអង្ករបានកើនឡើងយ៉ាងខ្លាំងក្នុងសប្តាហ៍នេះ ហើយអតិថិជនកាន់តែតិច។"
    assert classify_paragraph(burmese) == GOOD
    assert classify_paragraph(khmer) == GOOD


def test_a_manifest_title_of_a_label_and_the_site_name_finds_the_headline_naming_the_site():
    # "Press releases | Acme Oil Limited": the site's name alone recurs in the about box and footer
    lines = ["Acme Oil Limited", "Home | Media | Contact", "Press releases",
             "Crude supply from Basra will continue, says Acme Oil", "Published: 10 January 2020", PROSE,
             "About Acme Oil Limited", "Acme Oil Limited runs a refinery near the river.", "© 2020 Acme Oil Limited"]
    found = find_title(lines, 5, title="Press releases | Acme Oil Limited")
    assert found is not None and lines[found[0]] == lines[3]
    once = lines[:6] + ["Contact us", "Terms"]  # the name shown once: the banner stays the match
    found = find_title(once, 5, title="Press releases | Acme Oil Limited")
    assert found is not None and once[found[0]] == once[0]


def test_a_closing_box_about_the_publisher_ends_the_article():
    from corpuslib.corpus.article import trim_article_end

    texts = ["Acme Oil Limited", "Crude supply will continue", PROSE, PROSE, "About Acme Oil Limited",
             "Acme Oil Limited runs a refinery near the river and employs 900 people.", "© 2020 Acme Oil Limited"]
    classes = ["short", "short", "good", "good", "short", "medium", "short"]
    assert trim_article_end(classes, texts, (2, 5)) == (2, 3)
    plain = texts[:4] + ["What comes next", "The council votes on the plan in March, the mayor said.", "Terms"]
    assert trim_article_end(classes, plain, (2, 5)) == (2, 5)


def test_a_letters_page_ends_at_its_last_signature_before_the_editors_notice():
    from corpuslib.corpus.article import trim_article_end

    notice = "Write to us at letters@example.org. Letters may be shortened and must carry a full name and town."
    texts = ["Letters", PROSE, "Ann Marsh, Leeds", PROSE, "Tom Carrow, New Haven", PROSE, "Dr. Rita Vale, York", notice]
    classes = ["short", "good", "short", "good", "short", "good", "short", "medium"]
    assert trim_article_end(classes, texts, (1, 7)) == (1, 6)
    unsigned = texts[:6] + ["What comes next", notice]  # one signature: no letters page
    assert trim_article_end(classes, unsigned, (1, 7)) == (1, 7)


def test_prose_of_a_language_with_long_words_and_no_stop_list_is_no_chrome():
    # a Zulu-like paragraph: long words, short sentences, no listed stopword
    para = ("Izolo abasebenzi bakamasipala bahlangene nabahlali basedolobheni. Abahlali bakhalaze kakhulu "
            "ngentengo yamanzi. Umphathi uthembise impendulo ngesonto elizayo.")
    assert classify_paragraph(para) == "medium"
    # one introducing a quotation
    intro = ("Umphathi wedolobha ukhulume nabantu abaningi abebehlangene ngenkinga yamanzi "
             "edolobheni ngoLwesibili ntambama, wathi:")
    assert classify_paragraph(intro) == "medium"
    # a numbered item is one sentence, not two
    assert classify_paragraph("2. Ukwakha amadamu amasha ngokushesha ukuze abahlali bangaphelelwa "
                              "ngamanzi ehlobo.") == "medium"
    # a capitalised row and a row of terse rules stay out
    assert classify_paragraph("Ikhaya Izindaba Ezemidlalo Ezamabhizinisi Ukuxhumana Ngathi Bhalisa "
                              "Ngena Sesha Usizo Amaphephandaba Ividiyo") == "bad"
    assert classify_paragraph("Ungabhali amagama angcolile. Hlonipha abanye. Akukho spam. "
                              "Bhala ngolimi lwakho. Sizosusa.") != "medium"


def test_a_wire_credit_closing_a_sentence_of_prose_is_no_caption():
    closing = ("A fisherman told the paper that he had not seen the tanker himself, but that everybody "
               "in the harbour is afraid of a spill in the bay. (ANP/AFP)")
    assert classify_paragraph(closing) == GOOD
    # a picture's caption closed by its source credit is still chrome
    assert classify_paragraph("Workers in the grouting gallery of the dam, in a picture released by "
                              "the ministry (INA)") == "bad"


def test_a_signature_motto_of_nine_or_more_words_stays_with_the_signature():
    from corpuslib.corpus.article import sign_off_end
    classes = ["good", "short", "short", "short", "short", "short", "short", "short"]
    texts = [PROSE, "Regards,", "Ana", "--", "Ana Ruiz", "Valley Water Forum",
             '"Water is the first of all the rights we have"', "Reply"]
    assert sign_off_end(classes, texts, 0, 0) == 6
    # a long line that is no motto is no part of the signature
    texts[6] = "Water is the first of all the rights we have and we will defend it"
    assert sign_off_end(classes, texts, 0, 0) == 5


def test_a_label_and_one_headline_closing_the_run_are_a_teaser_not_the_articles_end():
    from corpuslib.corpus.article import trim_article_end
    classes = ["good", "good", "short", "short", "good"]
    texts = [PROSE, PROSE, "Load earlier updates", "Read also", "Is diesel on the island the dearest in the country?"]
    assert trim_article_end(classes, texts, (0, 4)) == (0, 1)
    # a closing paragraph of sentences under a short heading is the article's own
    texts[4] = "The council meets again in June. Nobody expects the tariff to change before the summer."
    assert trim_article_end(classes, texts, (0, 4)) == (0, 4)


def test_a_sites_address_is_no_title_though_the_manifest_title_names_it():
    texts = ["kin.social", "Log in Sign up", "Home Explore", "Ann Lee", PROSE]
    title = 'Ann Lee: "The water tariff is delayed again" - kin.social'
    assert find_title(texts, 4, title=title) is None or find_title(texts, 4, title=title)[0] != 0
    texts = ["Kin Social", "Log in Sign up", "Home Explore", "Ann Lee", PROSE]  # a name in words may be
    assert find_title(texts, 4, title="Kin Social")[0] == 0


def test_a_publishers_about_box_with_a_second_boilerplate_section_closes_the_release():
    from corpuslib.corpus.article import trim_article_end
    classes = ["short", "short", "good", "good", "good", "short", "good", "short", "good", "short"]
    texts = ["Harbour Freight Lines", "Jan 8, 2020", PROSE, PROSE, PROSE, "About Harbour Freight Lines",
             "Harbour Freight Lines is a port operator founded in 2009 with terminals in three countries.",
             "Safe Harbor Statement", "This release contains statements about the future that involve risks.",
             "SOURCE Harbour Freight Lines"]
    assert trim_article_end(classes, texts, (2, 8)) == (2, 4)
    # a heading over three or more paragraphs is a section of the piece itself
    classes[7], texts[7] = "good", PROSE
    assert trim_article_end(classes, texts, (2, 8)) == (2, 8)


def test_a_short_thread_title_that_the_replies_repeat_after_re_is_the_title():
    texts = ["Harbour Board", "Board > News > Fuel prices again", "Fuel prices again",
             "Posted by: Ann Lee", PROSE, "Reply Quote", "Re: Fuel prices again", "Posted by: Tom Ray", PROSE]
    assert find_title(texts, 4)[0] == 2
    # a field after the article that repeats no line before it names no title
    texts[6] = "Re: Heating oil"
    found = find_title(texts, 4)
    assert found is None or found[0] != 2


def test_a_line_on_the_pieces_own_publication_is_the_publishers():
    assert classify_paragraph("Published by the Harbour Courier from March 3 to March 5, 2021.") == "bad"
    assert classify_paragraph("First published on Wed 8 Jan 2020 at the request of the family.") == "bad"
    # a sentence of the piece that names a publication in passing is prose
    assert classify_paragraph("The report, published by the ministry on Monday, says that the dam is "
                              "safe and that the water is clean.") == GOOD


def test_a_page_opening_on_its_headline_over_a_byline_has_that_headline_as_title():
    texts = ["Why the bazaar fears the dollar this winter", "Ann Lee  15 January 2020", PROSE, PROSE]
    assert find_title(texts, 0) == (0, "headline_opening_article", 0.6)
    # a first paragraph with no byline under it is the article's, not a title
    texts[1] = PROSE
    assert find_title(texts, 0) is None


def test_a_headline_a_thread_list_shows_cut_short_gives_way_to_the_whole_one_over_the_post():
    texts = ["Forum", "Iran fires missiles at two bases in Iraq", "Oil jumps four percent in Asia trading today",
             "Iran fires missiles at two bases in Iraq, oil jumps at the open", "Page 1 of 2", PROSE]
    assert find_title(texts, 5)[0] == 3
    # a longer line above the headline (a teaser) does not replace it
    texts[1], texts[3] = texts[3], texts[1]
    assert find_title(texts, 5)[0] == 3


def test_an_attachments_line_with_its_file_size_is_no_title():
    texts = ["[Return] [Catalog] [Bottom]", "File: basra_port_at_night_view.jpg (214 KB, 1280x853)", PROSE]
    assert find_title(texts, 2) is None
    # a headline with a count in it is still one
    texts[1] = "Basra port handled 214 more ships this winter than the last"
    assert find_title(texts, 2)[0] == 1


def test_a_breadcrumb_ending_in_the_headline_gives_the_title_to_the_headline_line():
    texts = ["Harbour Forum", "Index » Harbour Forum abroad » Pensions for the harbour workers who served in Iraq",
             "Pages: 1 2", "Pensions for the harbour workers who served in Iraq", "#11 2020-01-12 21:04", PROSE]
    title = "Pensions for the harbour workers who served in Iraq (Page 2) / Harbour Forum"
    assert find_title(texts, 5, title=title)[0] == 3
    # the same words after the article (a reply's quote) are no headline line
    texts[3], texts[5] = "Members online: 14", "Pensions for the harbour workers who served in Iraq"
    texts.insert(5, PROSE)
    assert find_title(texts, 5, title=title)[0] == 1


def test_a_thread_subject_over_the_first_posts_header_in_the_page_is_the_title():
    texts = ["Are the troops really leaving the country this year?", PROSE, PROSE]
    below = "\nAnonymous (ID: 7fQp2LxA) 01/05/24(Fri)14:22:03 No.193847261\n"
    assert find_title(texts, 0, below=below) == (0, "headline_opening_article", 0.6)
    # no header under it: the question opens the post itself
    assert find_title(texts, 0, below="\n\n") is None

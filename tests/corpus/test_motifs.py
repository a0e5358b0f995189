"""Comment records found by repetition (corpuslib.corpus.motifs), on small made-up pages."""

from corpuslib.corpus import motifs, records

ARTICLE = [
    "The harbour board approved the new quay on Tuesday after a long and noisy debate.",
    "Critics said the cost had doubled since the plan was first shown to the town.",
]


def test_skeleton_abstracts_times_counts_and_names():
    assert motifs.skeleton("signed by: Olga P. | 3 March 2021 at 9:40 PM") == "signed by : N | T"
    assert motifs.skeleton("12 likes") == "# likes"


def test_group_constants_are_shared_tokens_and_the_slot_varies():
    lines = ["Like this:", "Rosa M. says:", "Ito says:", "K. van Dijk says:", "Search for:"]
    (group,) = motifs.line_groups(lines, range(len(lines)))
    # "Like this:" and "Search for:" do not carry the constant "says :"
    assert group.members == [1, 2, 3]
    assert [motifs._slot_text(lines[i], group.slots[i]) for i in group.members] == ["Rosa M.", "Ito", "K. van Dijk"]


def test_a_town_or_badge_in_brackets_after_a_name_keeps_the_header_in_its_group():
    lines = ["4 May 2021 at 09:10 — Rosa M.", "4 May 2021 at 11:02 — Ito (Tromsø)",
             "5 May 2021 at 08:45 — Kari Dahl", "Rosa M. (guest) skreiv:", "Ito skreiv:", "Kari Dahl skreiv:"]
    groups = motifs.line_groups(lines, range(len(lines)))
    assert sorted(g.members for g in groups) == [[0, 1, 2], [3, 4, 5]]


def test_a_posters_website_in_brackets_after_the_name_keeps_the_header_in_its_group():
    lines = ["Kirjoitti: Rosa M. | 4.5.2021 klo 09.10", "Kirjoitti: Ito (https://ito.example.no/blog) | 4.5.2021 klo 11.02",
             "Kirjoitti: Kari Dahl | 5.5.2021 klo 08.45", "Kirjoitti: Rosa M. (rosa.example.fi) | 6.5.2021 klo 07.30"]
    groups = motifs.line_groups(lines, range(len(lines)))
    assert [g.members for g in groups] == [[0, 1, 2]]  # a link, not a bare host name
    assert motifs.skeleton("Ito (https://ito.example.no/blog) 4.5.2021") == motifs.skeleton("Ito (www.ito.no) 4.5.2021")


def test_a_widget_link_in_brackets_after_a_name_leaves_a_name_slot():
    assert motifs._name_slot("Ivo Berg (Link)")
    assert not motifs._name_slot("Reply (Link)")


def test_trailer_records_text_before_a_signature_line():
    page = ARTICLE + [
        "Responses",
        "A fair summary, though the board hid the survey.",
        "written by Olga P. at 9:40 PM on 3 March 2021 (12 stars)",
        "The survey was published in January, it was not hidden.",
        "written by harbourwatch at 10:02 PM on 3 March 2021 (4 stars)",
        "Who pays for the dredging?",
        "written by Tom Reyes at 7:15 AM on 4 March 2021",
        "Archive",
        "Powered by Blogware",
    ]
    m = motifs.find_motif(page)
    assert m is not None and m.orientation == "trailer"
    assert [r.slot for r in m.records] == ["Olga P.", "harbourwatch", "Tom Reyes"]
    assert [r.body for r in m.records] == [[3], [5], [7]]
    assert m.end == 9  # "Archive" and the footer are not comment text


def test_header_block_with_avatar_and_vote_bar():
    page = ARTICLE + [
        "Discussion",
        "Mara's picture",
        "Mara Quinn · 3 days ago",
        "+4 Agree Disagree Reply",
        "Good news for the fishermen at least.",
        "Pel's picture",
        "Pel · 2 days ago",
        "0 Agree Disagree Reply",
        "Not if the berths go to cruise ships.",
        "Guest's picture",
        "Guest · 2 days ago",
        "+1 Agree Disagree Reply",
        "Both can fit, the plan shows twelve berths.",
        "Write a reply",
    ]
    m = motifs.find_motif(page)
    assert m is not None and m.orientation == "header"
    assert [r.slot for r in m.records] == ["Mara Quinn", "Pel", "Guest"]
    assert [r.body for r in m.records] == [[6], [10], [14]]
    assert 5 in m.records[0].header  # the vote bar is header, not text
    assert m.end == 15


def test_time_only_delimiter_takes_the_name_from_the_header_block():
    page = ARTICLE + [
        "Reader comments",
        "JM",
        "Jana Mráz",
        "Brno",
        "about 2 hours ago",
        "The old quay floods every spring, so this is overdue.",
        "Agree (3) | Disagree (1) | Report",
        "Petr Vokál replied to Jana Mráz",
        "Ostrava",
        "about 1 hour ago",
        "It floods because nobody cleans the drains.",
        "Agree (0) | Disagree (2) | Report",
        "LK",
        "Lucie Kolář",
        "Plzeň",
        "about 1 hour ago",
        "Will the ferry still stop here during the works?",
        "Agree (1) | Disagree (0) | Report",
        "Terms of use",
    ]
    section = records.find_section(page, [0] * len(page))
    assert section is not None and section.kind == "repeat"
    assert [r.name for r in section.records] == ["Jana Mráz", "Petr Vokál", "Lucie Kolář"]
    assert section.records[1].reply_name == "Jana Mráz"
    records.link_replies(section.records, page)
    assert [r.reply_to for r in section.records] == [None, 0, None]


def test_no_motif_without_names_or_text_between():
    liveblog = ARTICLE + ["14:02 GMT", "The minister has arrived.", "13:40 GMT", "Crowds are gathering outside.",
                          "13:05 GMT", "Police closed the road to the port."]
    assert motifs.find_motif(liveblog) is None  # timestamps with text between, but no names
    related = ARTICLE + ["Related", "Quay plan approved  May 3, 2021", "Ferry fares rise  May 1, 2021",
                         "Dredging starts  April 28, 2021"]
    assert motifs.find_motif(related) is None  # a list of titles: no text between the lines


def test_repeat_reading_does_not_replace_a_better_kind_reading():
    page = ARTICLE + [
        "3 Responses",
        "Ann Bell says:",
        "May 3, 2021 at 9:17 am",
        "Well argued.",
        "Reply",
        "Cho says:",
        "May 3, 2021 at 10:02 am",
        "I am not convinced.",
        "Reply",
    ]
    section = records.find_section(page, [0] * len(page))
    assert section is not None and [r.name for r in section.records] == ["Ann Bell", "Cho"]


def test_action_bar_after_the_text_closes_records_and_counts_are_no_delimiter():
    page = ARTICLE + [
        "812",
        "Comments (3)",
        "nadia.k",
        "is the quay going to be open to the public or only to the cruise lines",
        "5-12 Reply",
        "1,204",
        "harbour_dad · Creator",
        "open to everyone, the plan has a walkway along the whole length",
        "5-12 Reply",
        "96",
        "Reply to harbour_dad's comment",
        "nadia.k",
        "good, my kids fish there every weekend and would miss it a lot",
        "5-13 Reply",
        "12",
        "Log in to comment",
    ]
    section = records.find_section(page, [0] * len(page))
    assert section is not None and section.kind == "repeat"
    assert [r.name for r in section.records] == ["nadia.k", "harbour_dad", "nadia.k"]
    assert [r.body for r in section.records] == [[5], [9], [14]]
    assert section.records[2].reply_name == "harbour_dad"


def test_forum_profile_panel_is_header_and_a_repeated_label_is_no_name():
    def post(name: str, rank: str, n: int, when: str, text: list[str]) -> list[str]:
        return [name, rank, "Away", f"Messages: {n}", f"« Answer #{n % 7} at: {when} »", "Cite", *text, "Signed in"]

    page = ARTICLE + [
        *post("quay_fan", "Member", 31, "May 3, 2021, 09:12:00", ["The board should publish the survey in full."]),
        *post("Oskar Salt", "Senior", 402, "May 3, 2021, 10:40:13", ["Quote from: quay_fan on May 3, 2021, 09:12:00",
                                                                    "The board should publish the survey.",
                                                                    "It did, on page nine of the minutes."]),
        *post("ferry_mum", "Newbie", 2, "May 4, 2021, 08:01:55", ["Will the ferry keep running during the works?"]),
    ]
    section = records.find_section(page, [0] * len(page))
    assert section is not None and section.kind == "repeat"
    assert [r.name for r in section.records] == ["quay_fan", "Oskar Salt", "ferry_mum"]
    assert section.records[1].reply_name == "quay_fan"
    assert all(page[j] not in ("Away", "Signed in", "Cite") for r in section.records for j in r.body)


def test_chat_log_lines_open_with_time_and_sender():
    page = [
        "[09:00] * board-bot set the topic: quay plan",
        "[09:01] <ines_q> the plan passed last night, 7 votes to 2",
        "[09:02] <tomasz> finally. the old quay floods every spring",
        "[09:03] <ines_q> @tomasz it floods because the drains are blocked",
        "[09:04] <mara> This message was deleted",
        "[09:05] <tomasz> @ines_q both, the survey says so",
        "and the survey is on page nine",
    ]
    m = motifs.find_motif(page)
    assert m is not None and m.orientation == "prefix"
    assert [r.slot for r in m.records] == ["ines_q", "tomasz", "ines_q", "mara", "tomasz"]
    assert m.records[-1].body == [5, 6]  # a line without the prefix goes on with the message
    section = records.find_section(page, [0] * len(page))
    assert section is not None and section.records[3].placeholder
    records.link_replies(section.records, page)
    assert [r.reply_to for r in section.records] == [None, None, 1, None, 2]


def test_reply_preview_above_a_header_names_the_parent():
    page = ARTICLE + [
        "quay_fan — 05/03/2021 9:12 AM",
        "the survey is on page nine of the minutes, people should read it",
        "╭ @quay_fan the survey is on page nine of the minutes, people…",
        "Oskar Salt — 05/03/2021 9:30 AM",
        "read it twice, it says nothing about the drains",
        "ferry_mum — 05/03/2021 9:41 AM",
        "will the ferry keep running during the works",
    ]
    section = records.find_section(page, [0] * len(page))
    assert section is not None
    assert [r.name for r in section.records] == ["quay_fan", "Oskar Salt", "ferry_mum"]
    assert 4 in section.records[1].header and section.records[1].reply_name == "quay_fan"
    records.link_replies(section.records, page)
    assert [r.reply_to for r in section.records] == [None, 0, None]


def test_chat_opening_message_is_the_body_and_the_notices_above_it_are_not():
    page = [
        "01/03/2021, 08:00 - ines_q created group \"Quay watch\"",
        "01/03/2021, 08:01 - ines_q added tomasz, mara",
        "01/03/2021, 08:05 - ines_q: Notes from last night's board meeting, for those who missed it:",
        "The quay plan passed by seven votes to two after a long debate.",
        "The survey of the old quay is on page nine of the minutes.",
        "Dredging starts in May and the ferry keeps running throughout.",
        "Questions for the next meeting go in this group, please.",
        "01/03/2021, 08:20 - tomasz: thanks, very clear",
        "01/03/2021, 08:22 - mara: @tomasz agreed, the ferry part is good news",
        "01/03/2021, 08:30 - ines_q: @mara the timetable is on the port website",
    ]
    section = records.find_section(page, [0] * len(page))
    assert section is not None and [r.name for r in section.records] == ["tomasz", "mara", "ines_q"]
    assert section.opening is not None
    assert section.opening.header == [0, 1] and section.opening.body == [2, 3, 4, 5, 6]


def test_a_label_with_or_without_its_count_is_one_constant_group():
    lines = ["Helpful", "x", "Helpful 4", "y", "Helpful 12"]
    (group,) = motifs.line_groups(lines, range(len(lines)))
    assert group.members == [0, 2, 4] and group.constant


def test_a_long_sentence_with_a_time_in_it_is_text():
    assert motifs._text_line("We waited for 9 days because my surname matched a name on some list somewhere")
    assert not motifs._text_line("Date of visit: March 3, 2021")
    assert not motifs._text_line("© Harbour Times 2005-2016 About Us Contact Advertise")


def test_reply_from_label_names_the_replier():
    assert records._clean_name("Reply from Harbour Board") == "Harbour Board"


def test_trailer_replies_by_multiword_vocative_and_quoted_fragment():
    page = ARTICLE + [
        "Responses",
        "The survey was hidden on page nine where nobody would read it.",
        "written by slow harbour at 9:40 PM on 3 March 2021 (12 stars)",
        "slow harbour, it was in the minutes and on the website.",
        "written by Olga P. at 10:02 PM on 3 March 2021 (4 stars)",
        "where nobody would read it",
        "Page nine is where they put everything, so that is fair.",
        "written by Tom Reyes at 7:15 AM on 4 March 2021",
        "Archive",
    ]
    section = records.find_section(page, [0] * len(page))
    assert section is not None and [r.name for r in section.records] == ["slow harbour", "Olga P.", "Tom Reyes"]
    records.link_replies(section.records, page)
    assert [r.reply_to for r in section.records] == [None, 0, 0]


def test_action_bars_with_a_date_or_an_age_are_one_group():
    lines = ["5-12 Reply", "x", "5-13 Reply", "y", "2d ago Reply"]
    (group,) = motifs.line_groups(lines, range(len(lines)))
    assert group.members == [0, 2, 4] and group.constant


def test_a_widget_word_after_the_time_keeps_a_line_in_its_constant_group():
    lines = ["Posted May 1, 2021", "Posted May 2, 2021 (edited)", "Posted May 3, 2021", "Posted May 4, 2021"]
    (group,) = motifs.line_groups(lines, range(len(lines)))
    assert group.members == [0, 1, 2, 3] and group.constant


def test_forum_posts_are_delimited_by_their_post_line_when_one_post_was_edited():
    page = ["Harbour quay: who pays?"]
    posts = [("tidewatcher", "Posted May 1, 2021 (edited)", None,
              "The board never showed the dredging costs, and the survey was late by a year."),
             ("olga_p", "Posted May 1, 2021", "tidewatcher",
              "It was published in January, anyone could read the numbers there."),
             ("kestrel", "Posted May 2, 2021", None,
              "Published in January but only in the annex, which nobody opens."),
             ("tom_reyes", "Posted May 2, 2021", "kestrel",
              "The annex is where they always put the bad news, that is the point.")]
    for name, posted, quoted, text in posts:
        page += [name, "Member", "212 posts", posted]
        if quoted:
            page += [f"On 5/1/2021 at 2:22 PM, {quoted} said:", "A short quoted line here.", "Expand"]
        page += [text, "Quote", "Report post"]
    m = motifs.find_motif(page)
    assert m is not None
    assert [r.delimiter for r in m.records] == [i for i, c in enumerate(page) if c.startswith("Posted")]


def test_a_reaction_bar_of_counted_labels_is_record_chrome_in_any_language():
    # round 7: "Agree 45 Hmm 2" under a reply was read as the next record's name
    for bar in ("Agree 45  Hmm 2", "共感した 45　うーん 2", "Like 12 Love 3 Wow 1"):
        assert motifs._chrome_like(bar, 0, set()), bar
    for line in ("Ann Lee", "kazu_t", "Posted 3 days ago by Ann"):
        assert not motifs._chrome_like(line, 0, set()), line


def test_chinese_and_japanese_lines_without_spaces_are_text_and_names_are_not():
    # no spaces to count words by: a long run of ideographs or kana, or one with a sentence mark
    assert motifs._text_line("港の使用料がまた上がるらしいけど誰も説明しない")
    assert motifs._text_line("3年前にも同じ話があった、結局どうなったの")
    assert motifs._text_line("这次的补贴政策，其实早就公布了")
    assert not motifs._text_line("海边的小王同学")  # a display name
    assert not motifs._text_line("小王同学 回复 海边老李")  # two names and a reply verb


def test_numbered_board_posts_under_one_default_name_are_records():
    # every poster keeps the board's default name; the running post numbers say these are posts
    lines = [
        "港湾使用料の値上げについて",
        "The harbour authority raised the berth fees again this spring and the shippers are unhappy about it.",
        "全部 1- 最新50",
        "1 名無しの住人 2021/03/04(木) 10:00:01.12 ID:ab12Cd34",
        "港の使用料がまた上がるらしいけど誰も説明しない",
        "2 名無しの住人 2021/03/04(木) 10:02:11.40 ID:xy98Zz10",
        ">>1",
        "どうせ物価も上がるんだろう、いつものことだ",
        "3 名無しの住人 2021/03/04(木) 10:05:40.03 ID:pq45Rs67",
        "去年も同じことを言っていた気がするんだよな",
        "4 名無しの住人 2021/03/04(木) 10:09:12.77 ID:mn01Op23",
        "船会社はもう別の港に移る準備をしているらしい",
        "掲示板に戻る",
    ]
    m = motifs.find_motif(lines)
    assert m is not None and m.orientation == "header"
    assert [(r.slot, r.delimiter) for r in m.records] == [("名無しの住人", d) for d in (3, 5, 8, 10)]


def test_a_name_under_its_avatar_initials_is_a_name_though_a_word_is_a_stopword():
    lines = ["An article about the harbour and its new quays, long enough to be prose.", "Comments",
             "AZ", "Ahmad Zaki", "2 jam lalu", "Harga minyak naik lagi minggu ini, semua orang tahu.", "Suka 3 | Balas",
             "RK", "Rajesh Kumar", "2 jam lalu", "Who benefits from this? Every time there are talks.", "Suka 20 | Balas",
             "NH", "Nor Hidayah", "45 minit lalu", "Semoga semua anak kapal selamat dan cepat pulang.", "Suka 9 | Balas",
             "Muat lebih banyak komen"]
    m = motifs.find_motif(lines)
    assert [lines[r.names[0]] if r.names else None for r in m.records] == ["Ahmad Zaki", "Rajesh Kumar", "Nor Hidayah"]


def test_header_lines_with_several_variable_fields_align_and_the_leading_field_is_the_name():
    # "Name (Town) — <time>": the name and the town both vary, so no single slot aligns them
    lines = [
        "An article about the harbour and its new quays, long enough to be prose for sure.",
        "Komentari (3)",
        "Uvek na kraju plati običan čovek na pumpi. Iran, Irak, Amerika, svejedno.",
        "Milan (Kragujevac) — 06.11.2018 u 10:12",
        "+34 / −2   Odgovori",
        "Tako je. A akcize niko ne pominje, pola cene je država.",
        "Ana (Novi Sad) — 06.11.2018 u 10:40",
        "+21 / −1   Odgovori",
        "Irak je tek izašao iz rata, a sad će biti između dve vatre. Žao mi je tih ljudi.",
        "Dž. Hasanović (Sarajevo) — 06.11.2018 u 12:05",
        "+18 / −4   Odgovori",
        "Prikaži još komentara",
    ]
    m = motifs.find_motif(lines)
    assert m is not None and m.orientation == "trailer"
    assert [(r.slot, r.body) for r in m.records] == [("Milan", [2]), ("Ana", [5]), ("Dž. Hasanović", [8])]


def test_post_numbers_after_the_time_number_the_posts_and_quote_links_open_the_replies():
    # every poster is "Anonymous" with an id and a country; "No.N" after the time numbers the
    # posts, and a ">>N" line naming an earlier post opens the reply's text (not template)
    lines = [
        "[Post a Reply]",
        "Anonymous (ID: 7fQp2LxA) Iraq 01/05/24(Fri)14:22:03 No.193847261 ▶ >>193847300",
        "Iraqi here. Our PM says the coalition has to go and nobody believes a date.",
        "Anonymous (ID: Zc81mWqe) United States 01/05/24(Fri)14:25:40 No.193847300",
        ">>193847261",
        "honestly most americans don't know there are still troops in iraq at all.",
        "Anonymous (ID: Hn3kd0Ps) Germany 01/05/24(Fri)14:33:58 No.193847355",
        "they said the same in 2020 after the parliament vote, and nothing changed.",
        "Anonymous (ID: Pa9Wd4Lc) Canada 01/05/24(Fri)15:02:44 No.193847501",
        ">>193847300",
        "to be fair americans don't know where most of their troops are, ask about niger.",
        "[Return] [Catalog] [Top]",
    ]
    m = motifs.find_motif(lines)
    assert m is not None and m.orientation == "header"
    assert [(r.number, r.body) for r in m.records] == [
        (193847261, [2]), (193847300, [4, 5]), (193847355, [7]), (193847501, [9, 10])]
    section = records.find_section(lines, [0] * len(lines))
    records.link_replies(section.records, lines)
    assert [r.reply_to for r in section.records] == [None, 0, None, 1]


def test_a_quote_link_to_no_post_number_of_the_page_stays_template():
    lines = ["1 Ann 2021/03/04 10:00", "First post here, long enough to be text.", "3 Bo 2021/03/04 10:05",
             ">>99", "Second post here, long enough to be text.", "4 Cy 2021/03/04 10:09", "Third post, text."]
    assert motifs._reference_lines(lines, [0, 2, 5], [1, 3, 4]) == []
    assert motifs._reference_lines(lines[:3] + [">>1"] + lines[4:], [0, 2, 5], [1, 3, 4]) == [3]


def test_a_post_too_short_for_text_is_taken_by_its_running_number_and_its_line_is_its_text():
    # post 2's text is too short to count as text; its number continues the run 3, 4, 5
    lines = [
        "The harbour authority raised the berth fees again this spring and the shippers are unhappy about it.",
        "2 名無しの住人 2021/03/04(木) 10:02:11.40 ID:xy98Zz10",
        "ドラマかよ",
        "3 名無しの住人 2021/03/04(木) 10:05:40.03 ID:pq45Rs67",
        "去年も同じことを言っていた気がするんだよな",
        "4 名無しの住人 2021/03/04(木) 10:09:12.77 ID:mn01Op23",
        ">>3",
        "船会社はもう別の港に移る準備をしているらしい",
        "5 名無しの住人 2021/03/04(木) 10:12:12.77 ID:mn01Op23",
        "どうせ物価も上がるんだろう、いつものことだ",
        "掲示板に戻る",
    ]
    m = motifs.find_motif(lines)
    assert m is not None
    assert [(r.delimiter, r.body, r.number) for r in m.records] == [
        (1, [2], 2), (3, [4], 3), (5, [6, 7], 4), (8, [9], 5)]


def test_a_header_of_another_shape_between_two_numbered_posts_is_a_post_when_its_number_fits():
    # a poster with a tripcode instead of an id: another skeleton, but its number lies between
    lines = [
        "Anonymous (ID: 7fQp2LxA) Iraq 01/05/24(Fri)14:22:03 No.193847261",
        "Iraqi here. Our PM says the coalition has to go and nobody believes a date.",
        "Anonymous (ID: Zc81mWqe) United States 01/05/24(Fri)14:25:40 No.193847300",
        "honestly most americans don't know there are still troops in iraq at all.",
        "Basrawi !!q7Rk2mNd Iraq 01/05/24(Fri)14:40:21 No.193847412",
        "Correct. In 2021 they changed combat to advise and assist, the same soldiers stayed.",
        "Anonymous (ID: Hn3kd0Ps) Germany 01/05/24(Fri)14:33:58 No.193847455",
        "they said the same in 2020 after the parliament vote, and nothing changed.",
    ]
    m = motifs.find_motif(lines)
    assert [(r.delimiter, r.slot) for r in m.records] == [
        (0, "Anonymous"), (2, "Anonymous"), (4, "Basrawi"), (6, "Anonymous")]


def test_a_name_most_records_share_is_no_constant_of_the_header():
    # Karim Aziz writes three of the five entries: "karim aziz" is the slot, not the prefix
    lines = ["Karim Aziz added a comment - 11/Apr/23 2:14 PM", "Dana Whitfield added a comment - 11/Apr/23 3:40 PM",
             "Karim Aziz added a comment - 12/Apr/23 9:15 AM", "Leyla Rahimi added a comment - 12/Apr/23 10:15 AM",
             "Karim Aziz added a comment - 12/Apr/23 4:47 PM"]
    (g,) = motifs.line_groups(lines, range(len(lines)))
    assert g.members == [0, 1, 2, 3, 4]
    assert [motifs._slot_text(lines[i], g.slots.get(i, g.fit)) for i in g.members] == [
        "Karim Aziz", "Dana Whitfield", "Karim Aziz", "Leyla Rahimi", "Karim Aziz"]


def test_activity_entries_are_records_though_one_poster_writes_half_of_them():
    lines = [
        "Activity",
        "Karim Aziz added a comment - 11/Apr/23 2:14 PM",
        "Confirmed. The JSON endpoint is new and our generic step picks it up. Quick check:",
        "{code}", "grep -c 'Comments (' stored/erbil/*.txt | wc -l", "412", "{code}",
        "I can blacklist the endpoint for this outlet, or we dedupe comment blocks generally.",
        "Dana Whitfield added a comment - 11/Apr/23 3:40 PM",
        "The blacklist for now please, the report is due on the 20th of the month.",
        "Leyla Rahimi added a comment - 12/Apr/23 9:15 AM",
        "Heads-up: the Sorani version of the same site has the same problem as this one.",
        "Karim Aziz added a comment - 12/Apr/23 4:47 PM",
        "Thanks, added both hosts and I will post the counts tomorrow morning.",
        "Add a comment...",
    ]
    m = motifs.find_motif(lines)
    assert [r.slot for r in m.records] == ["Karim Aziz", "Dana Whitfield", "Leyla Rahimi", "Karim Aziz"]


def test_a_path_segment_of_a_link_is_no_name():
    assert motifs._in_link("Link: https://wire.example.com/world/2021/04/06/iraq-pm-riyadh/", "iraq-pm-riyadh")
    assert not motifs._in_link("Posted by: Ann Lee | https://ann.example.com", "Ann Lee")


def test_a_date_before_the_time_is_no_tail_signature_name():
    assert records.tail_signature("Karim Aziz added a comment - 11/Apr/23 2:14 PM") == (False, None)
    assert records.tail_signature(
        "Agreed, the table needs a source. — Ann Lee (talk) 09:15, 6 May 2020 (UTC)") == (True, "Ann Lee")


def test_a_status_or_reply_line_above_some_names_is_no_name():
    # a header line only some records carry (a reply count, "forwarded by <an earlier
    # commenter>") sits above the name; most records hold the name right above their text
    page = ARTICLE + [
        "海港观察者", "港口的调查报告一月就公布了，并没有隐藏。", "3-19 09:02 IP属地：上海", "回复", "赞 120",
        "共5条回复", "老船长2020", "回复@海港观察者:报告藏在会议纪要第九页。", "3-19 09:15 IP属地：浙江", "赞 35",
        "Ann_in_Basra", "The board should publish the drains report too.", "3-19 09:33 IP属地：海外", "回复", "赞 8",
        "由 海港观察者 转发", "渡轮妈妈", "投票是一月，不是调查报告。", "3-19 10:12 IP属地：广东", "赞 12",
        "共2条回复", "码头的猫", "那一周两件事都在议程上。", "3-19 10:40 IP属地：福建", "回复", "赞 3",
    ]
    section = records.find_section(page, [0] * len(page))
    assert section is not None
    assert [r.name for r in section.records] == ["海港观察者", "老船长2020", "Ann_in_Basra", "渡轮妈妈", "码头的猫"]


def test_a_name_repeated_above_a_few_records_is_no_template_constant():
    # the post's author answers twice under the same three header lines: a line seen three
    # times is a template constant ("Reply") only when it is no name or sits above most records
    def post(name: str, role: str, when: str, text: str, n: int) -> list[str]:
        return [name, role, when, text, "Like", "·", str(n), "Reply"]

    page = ["Nadia Karim", "Energy analyst", *ARTICLE, "Add a comment…",
            *post("Omar Jaber", "• 1st", "2d", "The bottleneck is getting the capture contracts signed and paid on time.", 17),
            *post("Nadia Karim", "Author", "2d", "Omar Jaber would love that, sending you a note this week.", 3),
            *post("David Lin", "• 3rd+", "2d", "The payment delays come back to the same dollar-clearing problem.", 5),
            *post("Samir Haddad", "• 2nd", "1d", "I think the analysis underplays the militia factor at the borders.", 9),
            *post("Nadia Karim", "Author", "1d", "Fair, and that is a big part of our full note on the grid.", 4),
            *post("Hana Rostami", "• 3rd+", "20h", "Very clear summary, sharing it with my team this morning.", 2)]
    m = motifs.find_motif(page)
    assert m is not None
    assert [page[r.names[0]] if r.names else None for r in m.records] == [
        "Omar Jaber", "Nadia Karim", "David Lin", "Samir Haddad", "Nadia Karim", "Hana Rostami"]


def test_level_badges_and_a_pinned_first_comment_leave_the_names():
    # "Name LV5" over the text, the time and votes under it; the uploader's pinned comment has a
    # "置顶" (pinned) line between the name (seen on its own at the top of the page) and the text
    page = ["海港频道", "关注 12万", *ARTICLE, "评论 4", "最热 最新",
            "海港频道 UP主 LV6", "置顶", "资料来源：港务局的季度报告和会议纪要，有错误欢迎指出。", "2021-04-10 19:05  ♥ 120  回复",
            "老船长 LV5", "讲得很清楚，终于明白为什么码头的预算翻了一倍。", "2021-04-10 19:42  ♥ 35  回复",
            "渡轮妈妈 LV4", "回复 @老船长 :预算是去年就翻倍的，只是没人说。", "2021-04-10 20:01  ♥ 8  回复",
            "Ann_in_Basra LV3", "Nice video. 港口的事情我们这边也很关心。", "2021-04-10 21:07  ♥ 12  回复",
            "查看更多评论"]
    section = records.find_section(page, [0] * len(page))
    assert section is not None
    assert [r.name for r in section.records] == ["海港频道", "老船长", "渡轮妈妈", "Ann_in_Basra"]


def test_a_month_before_a_year_is_no_name_slot():
    assert motifs._month_of_date("4 nights · March 2022", "March")
    assert motifs._month_of_date("Joined: sep 2016", "sep")
    assert not motifs._month_of_date("June Carter · 2022", "June Carter")
    assert not motifs._month_of_date("Jan · March 2022", "Jan")  # a name, the date after a separator


def test_a_fuller_companion_of_the_timed_delimiter_delimits_a_record_whose_time_took_another_shape():
    # "Name · 17 lyutaha, 10:48" is the timed delimiter, but one writer's date is in
    # another language ("17 February, 12:30") and falls out of its group: the "Avatar: Name"
    # line just above every delimiter repeats once more and delimits that record too
    cards = [("Eli Dahl", "", "17 lyutaha, 10:48", "Who trades with the islands at all in winter? Nobody writes about it."),
             ("Anna", "replying to Eli Dahl", "17 lyutaha, 11:20", "The ferry company does, and the fish buyers, for years."),
             ("Viktor", "", "17 lyutaha, 11:55", "Until the fuel price falls there will be no winter line at all."),
             ("Piet W.", "", "17 February, 12:30", "Greetings from the south coast, our boats have the same bills."),
             ("Zora", "replying to Viktor", "17 lyutaha, 14:22", "Good text, thanks. I would like to read more about the berth.")]
    page = [*ARTICLE, "Share: Facebook  Mail", "Comments (5)"]
    for k, (name, cue, time, text) in enumerate(cards):
        page += [f"Avatar: {name}", *([cue] if cue else []), f"{name} · {time}", text, f"Reply · 👍 {k + 2} · 👎 {k % 2}"]
    page += ["Show more", "Most read"]
    motif = motifs.find_motif(page)
    assert [[page[j] for j in r.body] for r in motif.records] == [[c[3]] for c in cards]
    assert [page[r.delimiter] for r in motif.records] == [f"Avatar: {c[0]}" for c in cards]


def test_the_last_numbered_post_in_another_header_shape_is_kept():
    # talkbacks "N. name, town (date)"; a reply's header adds a label ("Antwort 3 | ...") and
    # the last post is such a reply: its number continues the run, so it is a post too
    page = [*ARTICLE, "Talkbacks (5)", "Add a talkback | All talkbacks"]
    for head, text in [("1. Dana, Haifa (29.01.24)", "Time to deal with the head of the octopus, not the arms."),
                       ("2. Sarah K., NYC (29.01.24)", "Praying for the families of the three young soldiers."),
                       ("3. Antwort 1 | Yossi, Tel Aviv (29.01.24)", "Easy to write that from the sofa at home."),
                       ("4. Mahmoud, Nazareth (29.01.24)", "May God have mercy on all the victims everywhere."),
                       ("5. Antwort 3 | Dana, Haifa (29.01.24)", "I did not say a war. I said a price, there are many tools.")]:
        page += [head, text]
    page += ["All 5 talkbacks", "Most read", "Weather: a rainy weekend"]
    section = records.find_section(page, [0] * len(page))
    assert [page[r.body[0]].split()[0] for r in section.records] == ["Time", "Praying", "Easy", "May", "I"]


def test_a_relative_day_word_of_the_time_is_no_name_slot():
    assert motifs._relative_day_of("í gjár kl. 10:02", "gjár")
    assert motifs._relative_day_of("eilen klo 18.05", "eilen")
    assert not motifs._relative_day_of("Marjun H. · kl. 10:02", "Marjun H.")


def test_thread_navigation_links_after_the_time_are_widget_words_of_one_header_shape():
    # "ann 2 hours ago | parent | next [–]": which of parent / prev / next a header links
    # depends on its place in the thread, not on its shape; a place after the time does not
    lines = ["▲ ann_k 2 hours ago | next [–]", "A first comment long enough to be read as prose here.",
             "▲ bo 1 hour ago | parent | next [–]", "x", "▲ cy_r 1 hour ago | prev | next [–]", "y",
             "▲ dee 40 minutes ago | prev [–]", "▲ eve 3 hours ago | Leeds Road [–]"]
    assert [g.members for g in motifs.line_groups(lines, range(len(lines)))] == [[0, 2, 4, 6]]


def test_a_badge_set_apart_by_a_wide_gap_after_a_time_then_name_header_keeps_its_shape():
    # "1 hour ago · Tomas Berg  ✔ Verified": the badge some posters carry; a name after the
    # time with the same gap ("Jan 28  Omar") is the header's own field and stays
    lines = ["2 hours ago · Ana Petrova", "The tram will save me an hour a day, finally some good news.",
             "1 hour ago · Tomas Berg  ✔ Verified", "Who pays for it? The ticket prices went up twice.",
             "40 minutes ago · Lena Wu", "I hope they keep the night buses on the same route."]
    assert [g.members for g in motifs.line_groups(lines, [0, 2, 4])] == [[0, 2, 4]]
    assert motifs.skeleton("Jan 28  Omar_DC") == "T N"


def test_word_only_header_lines_align_on_a_shared_closing_with_the_name_first():
    # "<name> replied on <site>": words only, the name opens the line and the constant closes it
    lines = ["Mira Solberg replied on social.example.net", "Tomas Berg replied on social.example.net",
             "Lena Wu replied on social.example.net", "Lena Wu replied on other.example.org"]
    (group,) = motifs.line_groups(lines, range(len(lines)))
    assert group.members == [0, 1, 2] and group.fit == (0, 3)
    # lines that share neither their opening nor their closing words stay apart
    assert motifs.line_groups(["Mira Solberg replied here", "Tomas Berg answered there"], [0, 1]) == []


def test_a_record_whose_name_line_took_another_shape_keeps_it_in_its_header():
    lines = [*ARTICLE, "Mentions",
             "Mira Solberg replied on social.example.net", "4 May 2021, 10:02",
             "The new quay will finally let the ferries dock in a storm.",
             "Tomas Berg replied on social.example.net", "4 May 2021, 11:40",
             "Who pays for the dredging, though? Nobody says.",
             "Jo Lind shared this on pics.example", "5 May 2021, 08:15",
             "Worth reading for the numbers on the old quay alone.",
             "Lena Wu replied on social.example.net", "5 May 2021, 09:30",
             "The board should publish the full cost study before the vote.",
             "Send a mention"]
    m = motifs.find_motif(lines)
    assert [r.slot for r in m.records] == ["Mira Solberg", "Tomas Berg", None, "Lena Wu"]
    assert [r.body for r in m.records] == [[5], [8], [11], [14]]
    assert m.records[2].header == [9, 10]


def test_a_name_under_the_previous_records_action_bar_names_the_record_not_the_signature_above_it():
    # the writer signs her text ("Mira"), the action bar closes it, the next header follows
    lines = [*ARTICLE, "Replies",
             "Mira Solberg", "Jan 9, 2020  #413", "The new quay will let the ferries dock in a storm.", "Mira", "Like   More",
             "Tomas Berg", "Jan 9, 2020  #414", "Who pays for the dredging, though? Nobody says.", "Tomas", "Like   More",
             "Lena Wu", "Jan 10, 2020  #415", "The board should publish the full cost study first.", "Like   More",
             "Ines Faro", "Jan 11, 2020  #416", "The old quay was never this busy, even in the eighties.", "Like   More"]
    m = motifs.find_motif(lines)
    assert [lines[r.names[0]] for r in m.records] == ["Mira Solberg", "Tomas Berg", "Lena Wu", "Ines Faro"]
    # with no name under the bar ("Lena Wu" / "Like   More" / her time), the name above it stays
    assert lines[12:14] == ["Like   More", "Lena Wu"]
    lines[12:14] = ["Lena Wu", "Like   More"]
    m = motifs.find_motif(lines)
    assert "Lena Wu" in [lines[j] for j in m.records[2].names]


# ---------------------------------------------------------------- round 15 (segG: section edges)

def _timed_posts(notice: bool) -> list[str]:
    lines = ["The harbour board met on Monday and agreed the new berth fees for the summer season."]
    lines += ["Log in to comment. Comments are moderated before they appear."] if notice else ["Comments (4)"]
    for k, name in enumerate(["Ines Moreau", "Pavel Dost", "Kofi Mensah", "Lena Brandt"]):
        lines += [f"Yesterday at {10 + k}:0{k}", name,
                  f"The fee for the small boats is still too high, and number {k} of the berths is empty.",
                  f"Like ({k + 3})   Reply   Report"]
    return lines + ["More comments", "Most read"]


def test_a_notice_over_the_first_of_two_line_headers_does_not_turn_them_into_trailers():
    # the time line delimits; the name sits between it and the text; text after the last
    # delimiter is the last record's, so the delimiters open records
    for notice in (True, False):
        m = motifs.find_motif(_timed_posts(notice))
        assert m.orientation == "header", notice
        assert [r.delimiter for r in m.records] == [2, 6, 10, 14]
        assert m.records[-1].body == [16]


def test_posts_opened_by_their_running_number_start_their_header_there():
    lines = ["Forum of the harbour town", "Pages: 1 2", "Berth fees for the summer season"]
    for k, name in enumerate(["Ines_M", "pavel.d", "Kofi_K", "lena.b"]):
        lines += [f"#{11 + k}  2020-01-1{k} 0{k}:15:50", name, "Member", f"Posts: {40 + k}",
                  f"The fee for the small boats is still too high, and berth {k} has been empty all spring.",
                  "----", f"{name} / Harbour town", "Offline   Quote"]
    m = motifs.find_motif(lines)
    assert [r.header for r in m.records][:2] == [[3, 4, 5, 6], [11, 12, 13, 14]]
    assert m.records[0].chrome == [8, 9, 10]  # the signature closes the post above


def test_signed_posts_with_text_above_each_trailer_stay_trailers():
    lines = ["An article about the harbour and its new quays.", "Comments"]
    for k, name in enumerate(["Ann Lee", "Bo Chen", "Cy Ray", "Di Moss"]):
        lines += [f"The quay number {k} was finished late, and the fees went up twice.", f"Posted by: {name} | May {k + 1}, 2020 at 9:02 AM"]
    lines += ["Archives", "Powered by X"]
    m = motifs.find_motif(lines)
    assert m.orientation == "trailer" and [r.body for r in m.records] == [[2], [4], [6], [8]]


def test_a_bar_under_the_text_at_one_distance_closes_records_and_the_footer_is_none():
    bars = [f"Liked {n}  |  Answer" for n in (18, 3, 27, 9)]
    lines = ["Page 2  |  Print", "An article about the harbour and its new quays, written at length.", "Comments (4)",
             "Ann Berg", "The quays will bring more ships and more jobs to the town.", "Seen by 120 readers", bars[0],
             "> Ann Berg", "Cy", "Jobs maybe, but the rents will rise for everyone who lives nearby.",
             "Seen by 41 readers", bars[1],
             "Dora Fox", "I work on the docks since 2014 and nothing has changed for us so far.",
             "Seen by 388 readers", bars[2],
             "> Dora Fox", "Eli Moss", "Good to hear, stay well and write again when the quays open.",
             "Seen by 7 readers", bars[3],
             "See more comments", "Editor: Someone  |  Contact  |  Ads",
             "© 2019 The Daily Example, all of its rights are reserved by the owners."]
    m = motifs.find_motif(lines)
    assert m is not None and m.orientation == "trailer"
    assert [r.body[0] for r in m.records] == [4, 9, 13, 18] and m.end == 21  # not the footer
    # an avatar line that opens each record, with a bar under its text: the bar's distance
    # is fixed, but a sort bar (no time line) sits over the first record: still headers
    opened = ["An article about the harbour and its new quays, written at length.", "Comments (3)",
              "Write a comment, you have to be logged in to comment on this.", "Sort: newest oldest",
              "Picture of Ann", "Ann • 3 h", "The quays will bring more ships and more jobs to the town.", "Like 12 · Answer",
              "Picture of Cy", "Cy • 2 h", "Answer to @Ann", "Jobs maybe, but the rents will rise for all of us.",
              "Like 4 · Answer", "Picture of Dora", "Dora • 1 h", "I work on the docks and nothing has changed so far.",
              "Like 31 · Answer", "Show more comments"]
    m = motifs.find_motif(opened)
    assert m is not None and m.orientation == "header" and [r.header[0] for r in m.records] == [4, 8, 13]


def test_the_last_record_reaches_as_far_as_the_others_headers_and_keeps_a_template_line_inside_its_text():
    # each post: a name, a profile panel of six lines (longer than the usual reach of four), text, a quote box's "Click to expand...", more text
    panel = ["Senior Member", "Joined", "Mar 3, 2017", "Messages", "2,114", "Location: Basra"]
    contents, text = [], []
    for name in ["Tallis", "Corvina", "Kestrel"]:
        contents += [name, *panel, "Anna said: the strikes were telegraphed.", "Click to expand...",
                     "Informed is not the same as asked, and nobody asked Baghdad."]
        text += [False] * 7 + [True, False, True]
    contents += ["Reply", "You must log in or register to reply here."]
    text += [False, False]
    constant = {j for j, c in enumerate(contents) if c in ("Click to expand...", "Reply")}
    occ, starts = [0, 10, 20], [0, 10, 20]
    assert motifs._last_end(20, contents, text, constant, occ, starts) == 31  # its text, then the closing "Reply"
    # where the other posts show the template line only after their text, it closes the post
    for j in (8, 18):
        contents[j], text[j] = "Mentioned: Anna", False
    assert motifs._last_end(20, contents, text, constant - {8, 18}, occ, starts) == 29

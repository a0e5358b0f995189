"""Content signals of one line or paragraph: the evidence the general segmenter reads.

Every function here is pure and cheap: stopword density (per language, from the
``stop-words`` package), sentence punctuation, capitalised-word share, menu/link
shape, time and count tokens, and the shapes of comment-record lines (name-like
lines, timestamp lines, action/vote lines). Timestamps are confirmed with
``dateparser`` (offline), absolute and relative.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

import regex
from convertdate import islamic, persian
from dateparser.calendars.hijri_parser import hijri_parser
from dateparser.calendars.jalali_parser import jalali_parser
from hijridate import Hijri
from hijridate.locales import get_locale

__all__ = [
    "ACTION_WORDS",
    "ANONYMOUS_NAMES",
    "action_line",
    "anonymous_name",
    "capital_share",
    "chrome_words_only",
    "LIST_ITEM",
    "ends_question",
    "ends_sentence",
    "find_times",
    "gap_badge",
    "listed_script_share",
    "CHROME_WORDS",
    "menu_like",
    "month_word",
    "navigation_line",
    "name_like",
    "parse_timestamp",
    "reply_bar",
    "REPLY_WORDS",
    "split_leading_time",
    "split_time_line",
    "stop_share",
    "unlisted_script_share",
    "words",
    "compile_patterns",
]


class _OnFirstUse:
    """A pattern compiled when it is first matched (or by :func:`compile_patterns`).

    The locale-wide time patterns take about a second to compile; a process that
    only reads a built corpus (a notebook kernel) never matches them.
    """

    __slots__ = ("_args", "_compiled")
    deferred: list[_OnFirstUse] = []

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: regex.Pattern | None = None
        _OnFirstUse.deferred.append(self)

    def compiled(self) -> regex.Pattern:
        if self._compiled is None:
            self._compiled = regex.compile(*self._args)
        return self._compiled

    def __getattr__(self, name: str) -> Any:  # finditer, fullmatch, search, ...
        return getattr(self.compiled(), name)


def compile_patterns() -> None:
    """Compile the patterns deferred to first use now (a worker pool's preload does,
    so that the forked workers share them)."""
    for pattern in _OnFirstUse.deferred:
        pattern.compiled()


_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’\-]*")
# name_like reads the first eleven lists (the languages of the widget vocabulary below).
_NAME_LISTS = 11
# Every installed stop-word list of a spaced script (English first: the URL-slug filter uses it).
# The Chinese, Japanese and Korean lists are left out: those scripts are read by characters
# (:func:`unlisted_script_share`), their text does not split into listed words.
_LANGS = ("english", "arabic", "persian", "french", "german", "spanish", "italian",
          "portuguese", "dutch", "turkish", "russian", "bulgarian", "catalan", "czech", "danish",
          "finnish", "greek", "gujarati", "hebrew", "hindi", "hungarian", "indonesian", "malaysian",
          "norwegian", "polish", "romanian", "slovak", "swedish", "ukrainian", "vietnamese")

# General comment-widget vocabulary (not one site's): the words of "Reply · Share ›",
# "Like · Reply · 2y", "Report abuse", vote counters and badges.
ACTION_WORDS = frozenset(
    """reply replies share shares report abuse flag like likes liked recommend recommended
    save saved follow hide edit edited permalink top upvote upvotes downvote vote votes
    restack restacks quote link more less collapse expand favorite unfavorite translate
    op writer author moderator mod admin staff pick picks points point subscriber view views
    load show respond parent thread answer answers next prev""".split()
) | frozenset(
    # the same widget verbs in the other languages of the stop-word lists (es, pt, fr, de, it, ar)
    """responder respuesta respuestas denunciar compartir citar répondre réponse réponses signaler
    partager citer antworten antwort melden teilen zitieren rispondi risposta segnala condividi
    cita رد ردود إبلاغ مشاركة أعجبني""".split()
) | frozenset(
    # ... in Persian, Turkish, Russian and Dutch (the other stop-word languages), and in the
    # CJK languages of large comment platforms (reply, replies, report, share, like, quote)
    """پاسخ پاسخ‌ها گزارش اشتراک پسندیدم yanıtla yanıt yanıtlar cevapla cevap cevaplar şikayet
    bildir paylaş beğen alıntı ответить ответ ответы пожаловаться поделиться цитировать
    reageer reageren antwoord antwoorden delen melden citeer 답글 공감 비공감 신고 공유 回复 回覆
    评论 转发 举报 赞 返信 いいね 通報""".split()
)

# The words of ACTION_WORDS that name a reply or an answer (``Reply``, ``Antwort``, ``پاسخ``, ``回复``).
REPLY_WORDS = frozenset(
    """reply replies respond answer answers responder respuesta respuestas répondre réponse réponses
    antworten antwort rispondi risposta رد ردود پاسخ پاسخ‌ها yanıtla yanıt yanıtlar cevapla cevap cevaplar
    ответить ответ ответы reageer reageren antwoord antwoorden 답글 回复 回覆 返信""".split()
)

# Display names that mean "no name given" (the gold and analyses treat them as anonymous).
ANONYMOUS_NAMES = frozenset(
    {"anonymous", "anon", "guest", "[deleted]", "deleted", "[removed]", "unknown", "anonymous coward",
     "name withheld", "withheld", "deleted account", "deleted user", "[deleted account]",
     # the same placeholders in the other languages of the stop-word lists
     "anonyme", "anonym", "anónimo", "anonimo", "anônimo", "invité", "invitado", "gast", "ospite",
     "ناشناس", "مجهول", "anonim", "misafir", "ziyaretçi", "гость", "аноним", "анонимно", "анонимен", "anoniem",
     "익명", "匿名",
     # "guest", "unknown", "nameless" in further languages of the dev pages' regions and beyond
     "mgeni", "asiyejulikana", "külaline", "anonüümne", "меҳмон", "номаълум", "зочин", "нэргүй",
     "qof aan la aqoon", "конок", "қонақ", "mehmon", "qonaq", "myhman", "vieras", "nimetön", "vendég",
     "névtelen", "hosť", "gost", "гост", "гість", "анонім", "госць", "svečias", "anonimas", "viesis",
     "anonīms", "επισκέπτης", "ανώνυμος", "vizitator", "vizitor", "gestur", "nafnlaus", "gæst", "gjest",
     "gäst", "אורח", "אנונימי", "अतिथि", "गुमनाम", "अज्ञात", "مہمان", "گمنام", "زائر", "ضيف", "مهمان",
     "tamu", "bisita", "khách", "ẩn danh", "ゲスト", "名無し", "名無しさん", "游客", "访客", "訪客",
     "손님", "게스트", "სტუმარი", "ანონიმი", "հյուր", "անանուն", "convidat", "anònim", "convidado",
     "visitante", "visiteur", "unbekannt", "gwestai", "dienw", "gasto", "anonima", "mêvan"}
)

# the root of "anonymous" in the listed placeholders' languages (anonym, anonim, anónim, аноним)
_ANONYMOUS_STEMS = tuple({n[:6] for n in ANONYMOUS_NAMES if len(n) >= 6 and n[:4] in ("anon", "anón", "anôn", "анон")})


def anonymous_name(name: str) -> bool:
    """True for a placeholder that names no one: a listed one (``Guest``, ``[deleted]``),
    or two or three words one of which inflects the listed words for "anonymous"
    (``anonymer Nutzer``, ``utente anonimo``, ``анонимный пользователь``).

    >>> anonymous_name("Gast"), anonymous_name("anonymer Nutzer"), anonymous_name("anonymous_fox")
    (True, True, False)
    """
    folded = name.strip().casefold()
    if folded in ANONYMOUS_NAMES or f"[{folded}]" in ANONYMOUS_NAMES:
        return True
    ws = folded.split()
    return 2 <= len(ws) <= 3 and any(w.isalpha() and w.startswith(_ANONYMOUS_STEMS) for w in ws)


# Site-chrome vocabulary: a short line made only of these words is page furniture.
CHROME_WORDS = frozenset(
    """advertisement advertising sponsored ad ads share print email e-mail facebook twitter
    whatsapp telegram linkedin reddit pinterest flipboard subscribe subscription sign in up
    log login logout register menu search home skip to content main navigation site index
    comments comment top back newsletter follow us download pdf embed listen live read more
    related trending popular most viewed read continue story stories tags topics topic
    sections section cookie cookies accept privacy policy terms of use contact about
    copy link app get the loading save hide report sort by best newest oldest all
    previous next page older newer post posts improve question answer on via with for this our your us and or the a
    to in it is are create account feed feeds""".split()
)

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"
_UNIT = (r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|"
         r"mos?|months?|y|yrs?|years?)")
# Relative ages in the other stop-word languages and in CJK: a count and a unit with the
# language's "ago" word before (``vor 2 Stunden``, ``hace 3 horas``, ``منذ 3 ساعات``) or after it
# (``3 saat önce``, ``2 часа назад``, ``۳ ساعت پیش``, ``3 ore fa``, ``3시간 전``, ``5分钟前``).
_FOREIGN_UNITS = {
    "s": "saniye секунд[уы]? ثانیه ثانية ثوان seconde[sn]? segundos? secondi 초 秒钟? 秒",
    "m": "dakika минут[уы]? دقیقه دقيقة دقائق minuten? minutos? minuti 분 分钟 分鐘 分",
    "h": "saat час(?:а|ов)? ساعت ساعة ساعات stunden? heures? horas? ore uur 시간 小时 小時 時間",
    "d": "gün день дн(?:я|ей) روز يوم أيام tag(?:en)? jours? días? dias? giorni dagen? 일 天 日",
    "w": "hafta недел[юиь] هفته أسبوع أسابيع wochen? semaines? semanas? settimane weken? 주 周 週間?",
    "mo": "ay месяц(?:а|ев)? ماه شهر أشهر monat(?:en)? mois mes(?:es)? meses mesi maanden? 개월 个月 個月 ヶ月 か月",
    "y": "yıl год(?:а)? лет سال سنة سنوات jahr(?:en)? ans? años? anos? anni jaar 년 年",
}
_FOREIGN_UNIT = "(?:" + "|".join(u for units in _FOREIGN_UNITS.values() for u in units.split()) + ")"
_AGO_BEFORE = r"(?:vor|il\s+y\s+a|hace|há|منذ|قبل)"
_AGO_AFTER = r"(?:önce|назад|پیش|قبل|fa|geleden|전|前)"
_FOREIGN_AGE = (rf"{_AGO_BEFORE}\s+(?P<n1>\d{{1,3}})\s*(?P<u1>{_FOREIGN_UNIT})|"
                rf"(?P<n2>\d{{1,3}})\s*(?P<u2>{_FOREIGN_UNIT})\s*{_AGO_AFTER}")
_AGE_UNITS = {"second": "s", "minute": "m", "hour": "h", "day": "d", "week": "w", "month": "mo", "year": "y"}
_AGE_NUMBER = r"(\d++[.,]?\d*+)"  # how dateparser's locale data writes the count


def _locale_infos(codes: Iterable[str] | None = None) -> list[dict]:
    """The locale data ``dateparser`` ships (CLDR) for ``codes`` (default: every language it
    has), in a fixed order; a code it lacks is left out."""
    import pkgutil
    from importlib import import_module

    import dateparser.data.date_translation_data as data

    have = {m.name for m in pkgutil.iter_modules(data.__path__)}
    names = sorted(have if codes is None else have.intersection(codes))
    return [import_module(f"{data.__name__}.{name}").info for name in names]


def _locale_ages() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Relative-age phrases of every language in ``dateparser``'s locale data (CLDR):
    phrases after the count (``घंटे पहले``, ``godziny temu``, ``jam yang lalu``), each with
    its unit key, and the phrases after a leading "ago" word, by that word (``לפני`` →
    ``שעות``, ``pre`` → ``dana``). In languages that put "ago" after the count, every unit
    word is also paired with every "ago" word, so inflected units (``घंटा पहले``) are
    covered; where the locale lists no "ago" word, it is the last word its phrases share
    (Tamil ``முன்``); any other last word of its phrases that is no unit word is one too
    (Urdu ``قبل``, used for months, beside ``پہلے``: ``2 گھنٹے قبل``)."""
    after: dict[str, str] = {}
    before: dict[str, dict[str, str]] = {}
    for info in _locale_infos():
        leading = False
        ends: dict[str, set[str]] = {}  # last word of the phrases after the count -> unit keys
        for key, patterns in info.get("relative-type-regex", {}).items():
            unit = regex.fullmatch(r"\\1 (\w+) ago", key)
            if unit is None or unit.group(1) not in _AGE_UNITS:
                continue
            for pattern in patterns:
                pre, found, post = pattern.partition(_AGE_NUMBER)
                if not found or not post.strip() or regex.search(r"[\\()\[\]]", pre + post):
                    continue
                if not pre.strip():
                    after[" ".join(post.split()).casefold()] = _AGE_UNITS[unit.group(1)]
                    ends.setdefault(post.split()[-1].casefold(), set()).add(unit.group(1))
                elif regex.search(r"\p{L}", pre):  # not "–3 mies" (a sign)
                    leading = True
                    before.setdefault(pre.strip().casefold(), {})[" ".join(post.split()).casefold()] = _AGE_UNITS[unit.group(1)]
        if leading:
            continue  # "for 3 timer siden": only the locale's own phrases
        agos = info.get("ago") or [word for word, units in ends.items() if len(units) >= 4]
        agos = [*agos, *(word for word in ends if word not in agos and not any(word in info.get(u, []) for u in _AGE_UNITS))]
        for name, key in _AGE_UNITS.items():
            for word in info.get(name, []):
                for ago in agos:
                    after[f"{word} {ago}".casefold()] = key
    return after, before


def _alternation(phrases, *, dotted: bool = False) -> str:
    """A regex matching any of the literal phrases (white space between words matches any
    white space, including none), written as a trie so that a position is rejected after
    one character test rather than after one test per phrase. With ``dotted``, a word
    before another may carry an abbreviation dot, which the locale data leaves out
    (``min geleden`` matches ``min. geleden``)."""
    space = r"\.?\s*" if dotted else r"\s*"
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in " ".join(phrase.split()):
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [(space if ch == " " else regex.escape(ch)) + pattern(rest) for ch, rest in node.items() if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + pattern(trie) + ")"


_AGE_AFTER, _AGE_BEFORE = _locale_ages()


def _locale_unit_words() -> dict[str, str]:
    """The unit words (``hour``, ``घण्टा``, ``saat``) of every language in ``dateparser``'s
    locale data (CLDR), two letters or more, each with its unit key (the first language's)."""
    units: dict[str, str] = {}
    for info in _locale_infos():
        for name, key in _AGE_UNITS.items():
            for word in info.get(name, []):
                if len(word) >= 2 and regex.fullmatch(r"[\p{L}\p{M}]+", word):
                    units.setdefault(word.casefold(), key)
    return units


_UNIT_WORDS = _locale_unit_words()
_MAX_UNIT_AGE_LINE = 40
# A count and a unit word of any language with an "ago" word of any language before or
# after it (``fa 2 oras``: Catalan's "ago", Filipino's unit), read only in a short line and
# only where no other time reading covers the words.
_LOWER_WORD = r"[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{M}]{1,11}"
_UNIT_AGE_RE = _OnFirstUse(
    rf"(?<![\p{{L}}\d])(?:(?P<w1>{_LOWER_WORD})\s+(?P<n1>\d{{1,3}})\s*(?P<u1>{_alternation(_UNIT_WORDS)})|"
    rf"(?P<n2>\d{{1,3}})\s*(?P<u2>{_alternation(_UNIT_WORDS)})\s+(?P<w2>{_LOWER_WORD}))(?![\p{{L}}\p{{M}}\d])",
    regex.I,
)


def _unit_ages(text: str) -> list[regex.Match]:
    """The unit ages (see ``_UNIT_AGE_RE``) of a short line."""
    if len(text) > _MAX_UNIT_AGE_LINE or not _DIGIT_THEN_LETTER.search(text):
        return []
    ws = words(text)
    if _AGE_BEFORE_LAST.isdisjoint(ws) and _AGE_AFTER_LAST.isdisjoint(ws):
        return []  # no "ago" word of any language
    found = []
    for m in _UNIT_AGE_RE.finditer(text):
        before, after = (m.group("w1") or "").casefold(), (m.group("w2") or "").casefold()
        if before in _AGE_BEFORE_LAST or after in _AGE_AFTER_LAST:
            found.append(m)
    return found


_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")


def _locale_months(every: bool = False) -> dict[str, int]:
    """Month names of the stop-word languages (of every language with ``every``), read from
    ``dateparser``'s locale data (CLDR), in every form it lists (``січня``, ``stycznia``,
    ``enero``), with the month's number.
    Only full names of four or more letters: abbreviations (``mar``, ``set``, ``lis``) are
    ordinary words in other languages; and only these languages' names, since a name needs
    no more than a day number beside it to make a date (ages need a count and a unit). The
    other languages' names make a date only between a day and a year (:data:`_YEARED_DATE`)."""
    from stop_words import LANGUAGE_MAPPING

    months: dict[str, int] = {}
    for info in _locale_infos(None if every else LANGUAGE_MAPPING):
        for number, key in enumerate(_MONTH_KEYS, 1):
            for word in info.get(key, []):
                if len(word) >= 4 and regex.fullmatch(r"[\p{L}\p{M}]+", word):
                    months.setdefault(word.casefold(), number)
    return months


_LOCALE_MONTHS = _locale_months()
_EVERY_MONTH = {**_locale_months(every=True), **_LOCALE_MONTHS}
_LOCALE_MONTH = _alternation(_LOCALE_MONTHS)
_MONTH_WORD = regex.compile(_MONTH, regex.I)
_LETTERS = regex.compile(r"\p{L}+")


def _locale_weekdays() -> frozenset[str]:
    """Full weekday names of every language in ``dateparser``'s locale data (CLDR) and of its
    Persian calendar parser (``çarşamba``, ``الأربعاء``, ``سه شنبه``), four letters or more
    (abbreviations such as ``sal`` or ``rab`` are ordinary words)."""
    days = (jalali_parser._weekdays.values(),
            *([info.get(day, []) for day in _WEEKDAY_KEYS] for info in _locale_infos()))
    return frozenset(" ".join(name.split()).casefold() for group in days for names in group for name in names
                     if len(name) >= 4 and regex.fullmatch(r"[\p{L}\p{M}]+(?:[\s\u200c][\p{L}\p{M}]+)?", name))


_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_LOCALE_WEEKDAYS = _locale_weekdays()
# the one or two words right before a time, and a comma: "Çarşamba 20 Kasım 2019", "سه شنبه ۳ دی ۱۳۹۸"
_WORDS_BEFORE = regex.compile(r"(?:(?P<two>[\p{L}\p{M}]+[\s\u200c])?(?P<one>[\p{L}\p{M}]+))[,،]?\s+$")


def _weekday_before(text: str, at: int) -> int:
    """Where a weekday name of any language written right before ``text[at:]`` starts
    (``at`` when there is none)."""
    m = _WORDS_BEFORE.search(text, max(0, at - 40), at)
    if m is None:
        return at
    if m.group("two") and " ".join((m.group("two") + m.group("one")).split()).casefold() in _LOCALE_WEEKDAYS:
        return m.start()
    return m.start("one") if m.group("one").casefold() in _LOCALE_WEEKDAYS else at


def _calendar_months() -> list[tuple[str, int, str]]:
    """Month names of the Solar Hijri (Iranian) and lunar Hijri calendars, as patterns, each
    with its calendar and number: the Persian and Arabic names of ``dateparser``'s calendar
    parsers (the Arabic ones written for its normalised text, so each normalised letter
    matches its variants again: ``ربيع الأول``, ``ربیع‌الاول``), and the names ``hijridate``
    (Arabic, English, Turkish, Bengali) and ``convertdate`` (transliterated) list. The Afghan
    Solar Hijri names (``حمل``, ``ثور`` …) are in none of these packages."""
    variants = {"ا": "اأإآ", "ي": "يىی", "ه": "هة"}

    def respelt(pattern: str) -> str:  # each normalised letter, in a class or not, with its variants
        return regex.sub(r"\[[^\]]*\]|.", lambda t: (
            "[" + "".join(variants.get(ch, ch) for ch in t.group()[1:-1]) + "]" if len(t.group()) > 1
            else "[\\s\u200c]*" if t.group() == " " else f"[{variants[t.group()]}]" if t.group() in variants
            else t.group()), pattern)

    months = [("persian", number, regex.escape(name)) for number, _, names in jalali_parser._months.values()
              for name in names]
    months += [("hijri", number, f"(?:ال)?(?:{respelt(pattern)})")
               for number, pattern in hijri_parser._months.values()]
    for names, calendar in ((persian.MONTHS, "persian"), (islamic.MONTHS, "hijri"),
                            *((get_locale(code).month_names, "hijri") for code in ("ar", "en", "tr", "bn"))):
        months += [(calendar, number, "[\\s\u200c-]*".join(map(regex.escape, name.split())))
                   for number, name in enumerate(names, 1)]
    return months


_CALENDAR_MONTHS = _calendar_months()
# "۲۹ آبان ۱۳۹۸", "12 Ramadan 1441", "۳ ربيع الأول ۱۴۴۱ ساعت ۱۰:۰۰": a day, a month of the
# Solar or lunar Hijri calendar and a year (a bare month name is often a word or a name: مهر, رجب)
_CALENDAR_DATE = (r"(?P<kd>\d{1,2})\s+(?P<km>" + "|".join(sorted({p for _, _, p in _CALENDAR_MONTHS}, key=len, reverse=True))
                  + r")\s+(?P<ky>\d{4})")
_CALENDAR_TIMESTAMP = _OnFirstUse(_CALENDAR_DATE + "(?:[,،\\s]+(?:\\p{L}{1,4}\\.?\\s+)?(?P<khh>\\d{1,2})[:.](?P<kmm>\\d{2}))?", regex.I)


def _locale_relative_days() -> frozenset[str]:
    """The words for today, yesterday, the day before and tomorrow of every language in
    ``dateparser``'s locale data (CLDR): ``кечээ``, ``bugün``, ``í gjár``; three letters or more."""
    keys = ("0 day ago", "1 day ago", "2 day ago", "in 1 day", "in 2 day")
    return frozenset(" ".join(phrase.split()).casefold() for info in _locale_infos()
                     for key in keys for phrase in info.get("relative-type", {}).get(key, [])
                     if len(phrase) >= 3 and regex.fullmatch(r"[\p{L}\p{M}]+(?:\s[\p{L}\p{M}]+)*", phrase))


_RELATIVE_DAYS = _locale_relative_days()


def relative_day(text: str) -> bool:
    """True for a word (or phrase) that names a day relative to today in some language:
    the day of a timestamp (``кечээ 18:05``, ``yesterday at 9:10``), never a name. A short
    capitalised word is left alone: it may be a name (Swahili ``jana`` is "yesterday").

    >>> relative_day("Yesterday"), relative_day("кечээ"), relative_day("Jana"), relative_day("jana")
    (True, True, False, True)
    """
    text = " ".join(text.strip(_SEPARATORS).split())
    return (len(text) >= 5 or text.islower()) and text.casefold() in _RELATIVE_DAYS


# letters and one number of up to three digits, bracketed or not: "Comments (5)", "5 kommentarer"
_ANNOUNCED = regex.compile(r"[^\d%/+\-]*?(?<![\p{L}\d])\(?(?P<n>\d{1,3})\)?(?![\p{L}\d])[^\d%/+\-]*")
_MAX_COUNTER_LINE = 40


def announced_number(text: str) -> int | None:
    """The number of records a short line announces, in any language and script of digits
    (``Comments (5)``, ``5 kommentarer``, ``Iruzkinak · 5``, ``评论 5``), or None: up to four
    words and 40 characters, letters and one number, no time.

    >>> announced_number("Iruzkinak · 5"), announced_number("Kommentit (۶)"), announced_number("5 min")
    (5, 6, None)
    """
    line = text.strip()
    if len(line) > _MAX_COUNTER_LINE or len(line.split()) > 4 or not _LETTER.search(line):
        return None
    found = _ANNOUNCED.fullmatch(line)
    return int(found.group("n")) if found is not None and not find_times(line) else None


@lru_cache(maxsize=4096)
def month_word(text: str) -> bool:
    """True for a month's name or abbreviation the time finder knows: an English one, a
    listed name of the stop-word languages, or the first three letters or more of one
    (``sep``, ``mar``, ``marts``, ``Juni``). Only a word beside a year or a day reads as a
    date: alone, ``Jan`` or ``Mai`` may be a name.

    >>> month_word("March"), month_word("sep"), month_word("jan."), month_word("Ann")
    (True, True, True, False)
    """
    word = text.strip().rstrip(".").casefold()
    if _MONTH_WORD.fullmatch(word) or word in _LOCALE_MONTHS:
        return True
    return len(word) >= 3 and _LETTERS.fullmatch(word) is not None and any(
        m.startswith(word) for m in _LOCALE_MONTHS)
# "08 січня 2020", "5 de enero de 2020", "12. listopadu 2019"; day first only: the month-first
# order is mostly English's (its own pattern), and a month name tried at every position of
# every line costs more than the rare "stycznia 12, 2020" is worth
_LOCALE_DATE = rf"(?P<d>\d{{1,2}})\.?\s+(?:de\s+)?(?P<m>{_LOCALE_MONTH})(?:,?\s+(?:de\s+)?(?P<y>\d{{4}}))?"
# "12 yanvar 2020", "3 Ebrel 2019": a month name of any language between a day and a year
# (the word is looked up in :data:`_EVERY_MONTH`; a pattern of all the names costs a second to compile)
_YEARED_DATE = r"(?P<yd>\d{1,2})\.?\s+(?P<ym>[\p{L}\p{M}]{4,})\.?,?\s+(?P<yy>\d{4})"
# "2020年1月8日", "2020년 1월 8일", "1月8日"
_CJK_DATE = r"(?:(?P<cy>\d{4})\s*[年년]\s*)?(?P<cm>\d{1,2})\s*[月월]\s*(?P<cd>\d{1,2})\s*[日일号號]"
_DATED_CLOCK = r"(?:[,\s]+(?:\p{L}{1,4}\.?\s+)?(?P<hh>\d{1,2})[:.](?P<mm>\d{2}))?"
_LOCALE_TIMESTAMP = _OnFirstUse(rf"(?:{_LOCALE_DATE}|{_CJK_DATE}){_DATED_CLOCK}", regex.I)
_YEARED_TIMESTAMP = regex.compile(_YEARED_DATE + _DATED_CLOCK)
_EDGES = (r"(?<![\p{L}\d])(?<!\d[.:])(?:", r")(?![\p{L}])(?![.:]?\d)")  # a time is no part of a word or number
_AGE_AFTER_RE = _OnFirstUse(rf"{_EDGES[0]}\d{{1,3}}\s*{_alternation(_AGE_AFTER, dotted=True)}{_EDGES[1]}", regex.I)
_AGE_BEFORE_RE = _OnFirstUse(_EDGES[0] + "|".join(rf"{_alternation([word])}\s+\d{{1,3}}\s*{_alternation(posts, dotted=True)}"
                                                    for word, posts in _AGE_BEFORE.items()) + _EDGES[1], regex.I)
_DIGIT = regex.compile(r"\d")
_DIGIT_THEN_LETTER = regex.compile(r"\d\s*[\p{L}\p{M}]")
# the word before a count: a leading "ago" word ends there ("pre 3 sata", "לפני 3 שעות")
_WORD_BEFORE_COUNT = regex.compile(r"([\p{L}\p{M}'’]+)\s+\d")
_AGE_BEFORE_LAST = frozenset(word.split()[-1] for word in _AGE_BEFORE)
_AGE_AFTER_LAST = frozenset(p.split()[-1] for p in _AGE_AFTER if len(p.split()) > 1 and p.split()[-1] not in _UNIT_WORDS)
_WORDED_AGE = rf"(?:an?|one)\s+{_UNIT}\.?(?:\s+ago)?(?![\p{{L}}\d])"  # not "and", "am", "as"
_TIME_WORDS = r"just now|yesterday|today"
_TIME_PATTERNS = [
    rf"\d+\s*{_UNIT}\.?(?:\s+ago)?(?![\p{{L}}\d])|{_WORDED_AGE}",
    _FOREIGN_AGE.replace("?P<n1>", "?:").replace("?P<u1>", "?:").replace("?P<n2>", "?:").replace("?P<u2>", "?:"),
    r"\d{4}[/.]\d{1,2}[/.]\d{1,2}\.?",  # year first: "2024.01.29.", "1402/10/14"
    _TIME_WORDS,
    rf"(?:{_WEEKDAY}\s+)?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?",
    rf"(?:{_WEEKDAY}\s+)?\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?",
    rf"(?:{_WEEKDAY}\s+)?(?:\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}-\d{{1,2}}-\d{{4}})",
    r"(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?(?:\s*(?:h|hrs|uhr)\b\.?)?",
    r"\d{1,2}h\d{2}",
    r"\b(?:19|20)\d{2}\b",
    _LOCALE_DATE.replace("?P<d>", "?:").replace("?P<m>", "?:").replace("?P<y>", "?:"),
    _CJK_DATE.replace("?P<cy>", "?:").replace("?P<cm>", "?:").replace("?P<cd>", "?:"),
]
_TIME = _OnFirstUse(_EDGES[0] + "|".join(_TIME_PATTERNS) + _EDGES[1], regex.IGNORECASE)
# The only time tokens without a digit ("an hour ago", "yesterday"), in the same order and
# edges: all that _TIME finds in a line without one, found faster.
_WORDED_TIME = _OnFirstUse(_EDGES[0] + _WORDED_AGE + "|" + _TIME_WORDS + _EDGES[1], regex.IGNORECASE)
_RELATIVE_ONLY = regex.compile(rf"(?i)(?:\d+\s*|(?:an?|one)\s+){_UNIT}\.?(?:\s+ago)?")
_SEPARATORS = "•·|»›‹«—–-,:;()[]{}/#*~^△▽▲▼✔ \t"
_CONNECTORS = frozenset({"on", "at", "posted", "post", "submitted", "by", "from", "and", "in", "edited",
                         "updated", "ago", "answered", "asked", "commented", "created", "joined",
                         "last", "modified", "viewed", "published", "with", "has"})
# an initial of a cased script, or a letter of one that has no case (Georgian, Arabic, CJK): "Tamar G."
_INITIAL_END = regex.compile(r"(?:^|\s)(?:[\p{Lu}\p{Lo}\p{Georgian}]\p{M}*\.){1,3}$")  # "Tamar G.", "Ann J.P."
# A sentence terminal in any script (Unicode's Sentence_Terminal: Urdu ۔, Amharic ።, full-width ！？)
# or an ellipsis.
SENTENCE_MARK = r"[\p{Sentence_Terminal}…]"
_SENTENCE_END = regex.compile(SENTENCE_MARK + r"['\"”’»)\]]*$")
_MENU_SEP = regex.compile(r"\s(?:\||•|·|›|»|▸|/|>)\s|\t|\s{2,}")
_BASE = datetime(2000, 1, 1)
_IP_ADDRESS = regex.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_CLOCK_SUFFIX = regex.compile(r"(?i)(?<=\d{1,2}[:.]\d{2})\s*(?:h|hrs|uhr)\.?$")
_H_CLOCK = regex.compile(r"(?<![\p{L}\d])(\d{1,2})h(\d{2})(?!\d)")  # "19h12" (French, Portuguese)
_COMPACT_COUNT = regex.compile(r"\b\d+(?:[.,]\d+)?[KkMm]\b")  # "1.4M answer views"
_YEAR = regex.compile(r"(?:19|20)\d{2}")
_FIELD_BREAK = regex.compile(r"\s{2,}|\t|\s*[·•|]\s*")
_ZONE = regex.compile(r"\(?\b[A-Z]{2,5}\b\)?")  # a time zone after the time: "UTC", "(CET)"
_LINK_MARKUP = regex.compile(r"\[(?P<text>[^\[\]\n]{1,80})\]\((?:<[^<>\s]+>|[^()\s]+)(?:\s+\"[^\"]*\")?\)")
_STRONG_MARKUP = regex.compile(r"(?<!\S)(?P<mark>\*\*|__)(?P<text>\S(?:.{0,78}?\S)?)(?P=mark)(?![*_])")


def inline_markup_text(text: str) -> str:
    """``text`` with Markdown inline markup reduced to its text: each link ``[label](target)``
    to its label and ``**strong**`` to its words. A clipped page wraps header names and times
    in it (``**Ann** · [3 days ago](…#comment-1)``); a masked id (``kimm****``) stays.

    >>> inline_markup_text("- **Ann** · [3 days ago](https://x.example/a#comment-1)")
    '- Ann · 3 days ago'
    """
    if "](" in text:
        text = _LINK_MARKUP.sub(r"\g<text>", text)
    return _STRONG_MARKUP.sub(r"\g<text>", text) if "**" in text or "__" in text else text


def words(text: str) -> list[str]:
    """Words (letter runs) of ``text``, casefolded.

    >>> words("Iraq's  PM, al-Kadhimi!")
    ["iraq's", 'pm', 'al-kadhimi']
    """
    return list(_words(text))


@lru_cache(maxsize=16384)
def _words(text: str) -> tuple[str, ...]:
    """:func:`words` of one line or paragraph, remembered: a dozen signals read each line's words."""
    return tuple([w.casefold() for w in _WORD.findall(text)])


@lru_cache(maxsize=1)
def _stop_lists() -> tuple[frozenset[str], ...]:
    from stop_words import get_stop_words

    return tuple(frozenset(w for w in (_clean_stopword(s) for s in get_stop_words(lang)) if w and " " not in w)
                 for lang in _LANGS)


def _clean_stopword(word: str) -> str:
    """A list entry as a word: some packaged lists keep their source's quotes and commas
    (``"אבל",``); multi-word entries (Vietnamese ``a ha``) never match one token."""
    return word.strip().strip('",').strip().casefold()


def stop_share(tokens: list[str], *, n_lists: int | None = None) -> float:
    """Share of ``tokens`` that are stopwords, in the language that explains most of them
    (of the first ``n_lists`` languages of ``_LANGS`` when given).

    >>> round(stop_share(words("the war and the peace of it")), 2)
    0.71
    >>> stop_share(words("Tehran Baghdad Erbil"))
    0.0
    """
    if not tokens:
        return 0.0
    index = _stop_index()
    counts = [0] * len(_LANGS)
    for t in tokens:
        for k in index.get(t, ()):
            counts[k] += 1
    return max(counts[:n_lists]) / len(tokens)


@lru_cache(maxsize=1)
def _stop_index() -> dict[str, tuple[int, ...]]:
    """Each stopword -> the languages (indices into ``_LANGS``) whose list holds it."""
    index: dict[str, list[int]] = {}
    for k, stops in enumerate(_stop_lists()):
        for w in stops:
            index.setdefault(w, []).append(k)
    return {w: tuple(ks) for w, ks in index.items()}


_UNSPACED_LETTER = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}]")
_LETTER = regex.compile(r"\p{L}")


def unlisted_script_share(text: str) -> float:
    """Share of the letters of ``text`` in scripts no stop-word list covers and that do not
    space their words (Han, kana, Hangul, Thai, Lao, Khmer, Myanmar, Tibetan): for such text
    the stop-word share and the word count say nothing about prose (a Burmese sentence of
    ninety characters splits into seven "words" at its phrase breaks).

    >>> unlisted_script_share("이란 외무부는 즉각 성명을 냈다."), unlisted_script_share("The vote failed.")
    (1.0, 0.0)
    """
    if max(text, default="\0") < "\u0e00":  # every unlisted script lies above U+0E00 (Thai)
        return 0.0
    letters = len(_LETTER.findall(text))
    return len(_UNSPACED_LETTER.findall(text)) / letters if letters else 0.0


def _script(ch: str) -> str:
    """A letter's script, as the first word of its Unicode name (``LATIN``, ``ARMENIAN``)."""
    return unicodedata.name(ch, "").split(" ", 1)[0]


@lru_cache(maxsize=1)
def _listed_scripts() -> frozenset[str]:
    """The scripts the stop-word lists are written in."""
    return frozenset(_script(ch) for words in _stop_lists() for w in words for ch in w if ch.isalpha())


def listed_script_share(text: str) -> float:
    """Share of the letters of ``text`` in a script some stop-word list is written in: where
    it is low (Armenian), the stop-word share says nothing about prose.

    >>> listed_script_share("Մեղրիի ճանապարհը մեր միակ ելքն է։"), listed_script_share("The vote failed.")
    (0.0, 1.0)
    """
    letters = [ch for ch in text if ch.isalpha()]
    listed = _listed_scripts()
    return sum(_script(ch) in listed for ch in letters) / len(letters) if letters else 1.0


@lru_cache(maxsize=16384)  # every reader of a line asks
def ends_sentence(text: str) -> bool:
    """True when ``text`` ends like a sentence (not an initial such as ``Marcus T.``); a
    thread counter or emoji after the full stop (``... questions. 🧵 (1/4)``) is no part of it,
    nor is a footnote reference (``... in 2012.[1]``, ``... in 2012.²``).

    >>> ends_sentence("They are brokers."), ends_sentence("Marcus T."), ends_sentence("Home")
    (True, False, False)
    >>> ends_sentence("More below. 🧵 (1/4)"), ends_sentence("Page 1/4")
    (True, False)
    >>> ends_sentence("The deal was signed in 2012.[1]"), ends_sentence("See note [1]")
    (True, False)
    """
    text = _THREAD_TAIL.sub("", text.rstrip()[-80:])  # all three read the line's end: scan no more
    return bool(_SENTENCE_END.search(text)) and not _INITIAL_END.search(text)


# An item of a bulleted or numbered list: "1. ...", "2) ...", "• ...", "- ...", "· ...".
LIST_ITEM = regex.compile(r"(?:\d{1,2}[.)]|[•▪◦*·–-])\s+\S")

# Question marks of every script (Greek ";" is a semicolon once NFC-normalised): "?", Armenian "՞", Arabic "؟", Ethiopic "፧", fullwidth "？" ...
_QUESTION_END = regex.compile(r"[?\u037e\u055e\u061f\u1367\u2047-\u2049\ufe56\uff1f]['\"”’»)\]]*$")


def ends_question(text: str) -> bool:
    """True when ``text`` ends with a question mark, in any script (a thread's or a
    headline's question: ``... to the nuclear deal؟``).

    >>> ends_question("Will Iraq vote?"), ends_question("ایران او امریکا په لور؟"), ends_question("Home")
    (True, True, False)
    """
    return bool(_QUESTION_END.search(text.rstrip()))


# A thread counter and/or emoji closing a post: "🧵 (1/4)", "2/5", "👇"; a footnote reference
# closing a sentence: "[1]", "[12]", "²".
_THREAD_TAIL = regex.compile(r"(?<=" + SENTENCE_MARK + r"['\"”’»)]*)(?:\s*(?:\p{So}|\p{Sk}|\uFE0F|\(?\d{1,3}/\d{1,3}\)?|\[\d{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+))+$")


def capital_share(text: str) -> float:
    """Share of words starting with a capital letter (headlines and menus score high)."""
    ws = _WORD.findall(text)
    return sum(1 for w in ws if w[0].isupper()) / len(ws) if ws else 0.0


@lru_cache(maxsize=16384)  # every reader of a line asks
def menu_like(text: str) -> bool:
    """True for a line shaped like a menu or link list (``Home | About | Contact``).

    >>> menu_like("News | Opinion | Sport"), menu_like("He said | no.")
    (True, False)
    >>> menu_like("Home / Courses / Week 4 / Seminar / Legal basis?")
    True
    """
    pieces = [p for p in _MENU_SEP.split(text) if p.strip()]
    if len(pieces) < 3:
        return False
    sizes = [len(p.split()) for p in pieces]
    if ends_sentence(text):  # a breadcrumb may end with the page's own title ("... / Legal basis?")
        return len(pieces) >= 4 and all(n <= 6 for n in sizes)
    # every piece a short label, or a row of four or more links with one longer item
    # ("204 points by ann 3 hours ago | flag | hide | 41 comments")
    return all(n <= 6 for n in sizes) or (len(sizes) >= 4 and sum(n <= 3 for n in sizes) >= len(sizes) - 1)


_NAVIGATION = regex.compile(
    r"(?:previous|prev|next|older|newer)\s+(?:message|post|thread|topic|article|story|entry|page)s?\s*:.*|"
    r"(?:messages?|posts?|threads?)\s+sorted\s+by\b.*|"
    r"more\s+info(?:rmation)?\s+about\s+(?:this|the)\b.{0,60}?(?:list|forum|group|board)",
    regex.I,
)


def navigation_line(text: str) -> bool:
    """True for an archive's navigation line (``Next message: ...``, ``Messages sorted by: ...``).

    >>> navigation_line("Previous message: [list] UN oil-for-food"), navigation_line("The next message came.")
    (True, False)
    """
    return bool(_NAVIGATION.fullmatch(text.strip()))


def chrome_words_only(text: str) -> bool:
    """True when every word of a short line is site-chrome vocabulary.

    >>> chrome_words_only("Share on Facebook"), chrome_words_only("Key Findings")
    (True, False)
    """
    ws = words(text)
    return bool(ws) and len(ws) <= 8 and all(w in CHROME_WORDS for w in ws)


def find_times(text: str) -> list[tuple[int, int]]:
    """Spans of time tokens (absolute dates, clock times, relative ages) in ``text``.

    >>> [ "Laila · 4 hr. ago"[a:b] for a, b in find_times("Laila · 4 hr. ago")]
    ['4 hr. ago']
    """
    return list(_time_spans(text))


@lru_cache(maxsize=32768)
def _time_spans(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`find_times` of one line, remembered: headers, dates and menus recur."""
    spans = [m.span() for m in (_TIME if _DIGIT.search(text) else _WORDED_TIME).finditer(text)]
    relative = _locale_age_spans(text)
    ages = relative + _yeared_spans(text) + _calendar_spans(text)
    covered = spans + ages
    unit_ages = [m.span() for m in _unit_ages(text) if not any(a < m.end() and m.start() < b for a, b in covered)]
    ages += unit_ages
    if ages:
        kept: list[tuple[int, int]] = []
        for a, b in sorted(spans + ages, key=lambda s: (s[0], s[0] - s[1])):  # "2 min temu" over "2 min"
            if not kept or a >= kept[-1][1]:
                kept.append((a, b))
        spans = kept
    # a weekday name of any language before a date or a clock is the time's ("Çarşamba 20 Kasım 2019",
    # "Mittwoch, 8. Januar"); not before an age, where it may be a name ("Domingo 3 hours ago")
    ages_only = {*relative, *unit_ages}
    return tuple((_weekday_before(text, a) if a and text[a - 1].isspace() and (a, b) not in ages_only
                  and not _RELATIVE_ONLY.fullmatch(text, a, b) else a, b) for a, b in spans)


_MARK = regex.compile(r"\p{M}")
_YEARED_RE = regex.compile(_EDGES[0] + _YEARED_DATE + _EDGES[1])
_CALENDAR_RE = _OnFirstUse(_EDGES[0] + _CALENDAR_DATE + _EDGES[1], regex.I)


def _yeared_spans(text: str) -> list[tuple[int, int]]:
    """Spans of dates with a month name of any language between the day and the year
    (``12 yanvar 2020``); a day glued to a word (``ទី៨``) is none."""
    if not _DIGIT_THEN_LETTER.search(text):
        return []
    return [m.span() for m in _YEARED_RE.finditer(text)
            if m.group("ym").casefold() in _EVERY_MONTH and not (m.start() and _MARK.match(text, m.start() - 1))]


def _calendar_spans(text: str) -> list[tuple[int, int]]:
    """Spans of Solar or lunar Hijri dates (:data:`_CALENDAR_DATE`: ``۲۹ آبان ۱۳۹۸``)."""
    if not _DIGIT_THEN_LETTER.search(text):
        return []
    return [m.span() for m in _CALENDAR_RE.finditer(text)]


def _locale_age_spans(text: str) -> list[tuple[int, int]]:
    """Spans of relative ages in the phrases of ``dateparser``'s locale data; the two
    patterns run only on lines that can hold them (a count followed by a word; a leading
    "ago" word right before a count)."""
    if not _DIGIT_THEN_LETTER.search(text):
        return []  # every age has a count followed by a word: "3 saat", "לפני 3 שעות"
    spans = [m.span() for m in _AGE_AFTER_RE.finditer(text)]
    if any(m.group(1).casefold() in _AGE_BEFORE_LAST for m in _WORD_BEFORE_COUNT.finditer(text)):
        spans += [m.span() for m in _AGE_BEFORE_RE.finditer(text)]
    return spans


def _without_times(text: str) -> str:
    """``text`` with every time token replaced by a space."""
    for a, b in reversed(find_times(text)):
        text = f"{text[:a]} {text[b:]}"
    return text


@lru_cache(maxsize=4096)
def parse_timestamp(text: str) -> datetime | None:
    """Parse an absolute or relative timestamp with ``dateparser`` (offline).

    Relative times (``4 hr. ago``, ``2y``) are resolved against a fixed base date so
    results are reproducible. Common shapes are read first without ``dateparser``
    (:func:`_common_timestamp`); callers use the result as a yes/no.

    >>> parse_timestamp("March 4, 2019 at 9:17 am").isoformat()
    '2019-03-04T09:17:00'
    >>> parse_timestamp("2y") is not None, parse_timestamp("Reply")
    (True, None)
    """
    import dateparser

    text = _CLOCK_SUFFIX.sub("", text.strip(_SEPARATORS))  # "14:25 h.", "14.25 Uhr"
    text = _H_CLOCK.sub(r"\1:\2", text)
    if not text or len(text) > 60:
        return None
    fast = _common_timestamp(text)
    if fast is not None:
        return fast
    if _RELATIVE_ONLY.fullmatch(text) and not text.lower().endswith("ago"):
        text = f"{text} ago"  # "2y", "14h": compact relative ages
    try:
        return dateparser.parse(
            text,
            languages=["en"],
            settings={"RELATIVE_BASE": _BASE, "PREFER_DATES_FROM": "past"},
        )
    except (ValueError, OverflowError, TypeError):  # pragma: no cover - defensive
        return None


_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "mo": 2592000, "y": 31536000}
_RELATIVE_AGE = regex.compile(
    r"(?i)(?:(?P<n>\d{1,3})\s*|(?:an?|one)\s+)(?P<unit>s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|"
    r"w|wks?|weeks?|mos?|months?|y|yrs?|years?)\.?(?:\s+ago)?"
)
_YEAR_FIRST = regex.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})\.?(?:\s*[-,]?\s*(\d{1,2})[:.](\d{2}))?")
_COMMON_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %I:%M %p", "%H:%M", "%H:%M:%S",
                   "%I:%M %p", "%b %d", "%B %d", "%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%B %Y",
                   "%b %d, %Y at %I:%M %p", "%B %d, %Y at %I:%M %p", "%b %d, %Y at %H:%M", "%b %d, %Y, %I:%M %p",
                   "%B %d, %Y, %I:%M %p", "%B %d, %Y %I:%M %p", "%b %d, %Y, %I:%M:%S %p", "%d.%m.%Y, %H:%M",
                   "%d/%m/%Y", "%m/%d/%Y", "%d/%m/%Y %H:%M", "%m/%d/%Y %H:%M", "%d/%m/%Y - %H:%M",
                   "%m-%d-%Y, %I:%M %p", "%H:%M, %d %B %Y", "%H:%M, %d %b %Y", "%d %b %Y %H:%M")
# What each directive of those formats reads, loosely: every number a run of digits, every
# name (month, am/pm) a run of non-spaces in any locale.
_DIRECTIVE_SHAPES = {"Y": r"\d{4}", "m": r"\d{1,2}", "d": r" ?\d{1,2}", "H": r"\d{1,2}", "I": r"\d{1,2}",
                     "M": r"\d{1,2}", "S": r"\d{1,2}", "b": r"\S+", "B": r"\S+", "p": r"\S*"}


def _format_shape(fmt: str) -> re.Pattern:
    """A pattern that every text ``datetime.strptime(text, fmt)`` accepts matches in full
    (and some it rejects). Written for the ``re`` engine that ``strptime`` uses, with its
    flag, so that digits, spaces and case compare as there."""
    pieces = [piece for piece in re.split(r"(%.|\s+)", fmt) if piece]
    return re.compile("".join(_DIRECTIVE_SHAPES[piece[1]] if piece.startswith("%") else
                              r"\s+" if piece.isspace() else re.escape(piece) for piece in pieces), re.IGNORECASE)


_COMMON_SHAPES = [(fmt, _format_shape(fmt)) for fmt in _COMMON_FORMATS]


def _foreign_age(text: str) -> datetime | None:
    """A relative age in another language (``3 saat önce``, ``vor 2 Stunden``), resolved
    against the fixed base date; None when ``text`` is no such age."""
    m = _FOREIGN_AGE_RE.fullmatch(text)
    if m is None:
        return None
    n, unit = (m.group("n1"), m.group("u1")) if m.group("n1") else (m.group("n2"), m.group("u2"))
    key = next(k for k, units in _FOREIGN_UNIT_RES.items() if units.fullmatch(unit))
    return _BASE - timedelta(seconds=int(n) * _UNIT_SECONDS[key])


_FOREIGN_AGE_RE = regex.compile(_FOREIGN_AGE, regex.I)
# each unit key's words in the other languages, as one pattern
_FOREIGN_UNIT_RES = {k: regex.compile("|".join(units.split()), regex.I) for k, units in _FOREIGN_UNITS.items()}


def _locale_age(text: str) -> datetime | None:
    """A relative age in the phrases of ``dateparser``'s locale data (``2 घंटे पहले``,
    ``לפני 3 שעות``), resolved against the fixed base date; None otherwise."""
    if not (_AGE_AFTER_RE.fullmatch(text) or _AGE_BEFORE_RE.fullmatch(text)):
        return None
    m = regex.search(r"\d{1,3}", text)
    tail = " ".join(text[m.end():].replace(".", " ").split()).casefold()  # "min. geleden"
    table = next((posts for word, posts in _AGE_BEFORE.items() if text.casefold().startswith(word)), _AGE_AFTER)
    key = table.get(tail) or next((k for p, k in table.items() if p.replace(" ", "") == tail.replace(" ", "")), "d")
    return _BASE - timedelta(seconds=int(m.group()) * _UNIT_SECONDS[key])


def _unit_age(text: str) -> datetime | None:
    """A unit age (``4 andro lasa``, ``fa 2 oras``) resolved against the fixed base date;
    None when ``text`` is no such age."""
    m = next((m for m in _unit_ages(text) if m.span() == (0, len(text))), None)
    if m is None:
        return None
    n, unit = (m.group("n1"), m.group("u1")) if m.group("n1") else (m.group("n2"), m.group("u2"))
    return _BASE - timedelta(seconds=int(n) * _UNIT_SECONDS[_UNIT_WORDS[unit.casefold()]])


def _common_timestamp(text: str) -> datetime | None:
    """The common timestamp shapes read without ``dateparser`` (which costs milliseconds a
    call): relative ages (``4 hr. ago``, ``2y``, and in other languages), year-first dates
    and a few fixed formats; None otherwise, and ``dateparser`` decides."""
    m = _RELATIVE_AGE.fullmatch(text)
    if m is not None:
        n = int(m.group("n")) if m.group("n") else 1
        unit = m.group("unit").lower()
        key = "mo" if unit.startswith("mo") else unit[0]
        return _BASE - timedelta(seconds=n * _UNIT_SECONDS[key])
    foreign = _foreign_age(text) or _locale_age(text) or _unit_age(text)
    if foreign is not None:
        return foreign
    local = _local_timestamp(text)
    if local is not None:
        return local
    year_first = _YEAR_FIRST.fullmatch(text)
    if year_first is not None:
        y, mo, d, hh, mm = (int(g) if g else 0 for g in year_first.groups())
        try:
            return datetime(y, mo, d, hh, mm)
        except ValueError:
            return None
    for fmt, shape in _COMMON_SHAPES:
        if not shape.fullmatch(text):
            continue  # strptime would fail, slowly
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _local_timestamp(text: str) -> datetime | None:
    """A date written with a month name of another language or in CJK form, maybe with a
    clock time (``08 січня 2020, 09:47``, ``2020年1月8日 14:30``); the year defaults to the
    fixed base year; a Solar or lunar Hijri date is converted to its Gregorian day, and a
    weekday name before the date is read over. None when ``text`` is no such date or names
    no real day."""
    if text[:1].isalpha() and _weekday_before(text, _first_digit(text)) == 0:
        text = text[_first_digit(text):]
    calendar = _CALENDAR_TIMESTAMP.fullmatch(text) if _DIGIT_THEN_LETTER.search(text) else None
    if calendar is not None:
        return _calendar_day(calendar)
    m = _LOCALE_TIMESTAMP.fullmatch(text)
    yeared = _YEARED_TIMESTAMP.fullmatch(text) if m is None else None
    if yeared is not None and yeared.group("ym").casefold() in _EVERY_MONTH:
        m = yeared
    if m is None:
        return None
    if m.re is _YEARED_TIMESTAMP:
        year, month, day = m.group("yy"), _EVERY_MONTH[m.group("ym").casefold()], m.group("yd")
    elif m.group("cm"):
        year, month, day = m.group("cy"), int(m.group("cm")), m.group("cd")
    else:
        month = _LOCALE_MONTHS.get(m.group("m").casefold())
        if month is None:  # pragma: no cover - a case-insensitive match of another spelling
            return None
        year, day = m.group("y"), m.group("d")
    try:
        return datetime(int(year) if year else _BASE.year, month, int(day),
                        int(m.group("hh") or 0), int(m.group("mm") or 0))
    except ValueError:
        return None


def _first_digit(text: str) -> int:
    m = _DIGIT.search(text)
    return m.start() if m is not None else 0


def _calendar_day(m: regex.Match) -> datetime | None:
    """The Gregorian day (and clock time) of a matched Solar or lunar Hijri date, or None."""
    month = m.group("km")
    calendar, number = next((c, n) for c, n, p in _CALENDAR_MONTHS if regex.fullmatch(p, month, regex.I))
    year, day = int(m.group("ky")), int(m.group("kd"))
    try:
        if calendar == "persian":
            y, mo, d = persian.to_gregorian(year, number, day)
        else:
            y, mo, d = Hijri(year, number, day).to_gregorian().datetuple()
        return datetime(y, mo, d, int(m.group("khh") or 0), int(m.group("kmm") or 0))
    except (ValueError, OverflowError):
        return None


# the name after a post's verb and time (``commented 3 days ago by Ann Lee (12 points)``)
_BYLINE_AFTER = regex.compile(r"\s+by\s+(?P<name>[^\s()\[\]|·•,][^()\[\]|·•,]{0,39}?)(?P<rest>\s*[(\[|·•,].*|\s*)", regex.I)


def _verb_only(prefix: str) -> bool:
    """A header's text before its time made only of a post's verbs (``answered``, ``posted on``),
    not an edit note's (``edited``)."""
    ws = words(prefix)
    return bool(ws) and all(w in _CONNECTORS and w not in ACTION_WORDS for w in ws)


def _residue_is_actions(text: str) -> bool:
    ws = words(_ZONE.sub(" ", _COMPACT_COUNT.sub(" ", text)))
    return all(w in ACTION_WORDS or w in _CONNECTORS for w in ws)


@lru_cache(maxsize=16384)
def split_time_line(text: str) -> tuple[str, str, str] | None:
    """Split a header line into (prefix, timestamp, suffix) when it carries a timestamp.

    The suffix may only hold action words, counts and separators; the timestamp must
    parse. The prefix is what comes before (a name, "Posted by Name on", "Op").

    >>> split_time_line("jwinters | June 21, 2019, 6:40 PM")
    ('jwinters', 'June 21, 2019, 6:40 PM', '')
    >>> split_time_line("FreedomFirst1776 • 4 hours ago")
    ('FreedomFirst1776', '4 hours ago', '')
    >>> split_time_line("The vote was in 2019 and it failed.") is None
    True
    """
    text = inline_markup_text(text)
    if len(text) > 120:
        return None
    spans = find_times(text)
    if (len(spans) > 1 and _YEAR.fullmatch(text, *spans[0]) and text[:spans[0][0]].strip()
            and _FIELD_BREAK.fullmatch(text, spans[0][1], spans[1][0])):
        spans = spans[1:]  # "gece bekçisi 1923  03.01.2020 07:41": a year that ends the name field
    if not spans:
        return None
    glued = _unglued(text, spans[0])
    if glued is not None:
        return split_time_line(glued)
    start, end = spans[0][0], spans[-1][1]
    stamp, prefix, suffix = text[start:end], text[:start], text[end:]
    if _residue_is_actions(suffix) and parse_timestamp(stamp) is None and len(spans) > 1:
        # "3 hr. ago · edited 2 hr. ago": the first time is the post's, the rest an edit note
        end = spans[0][1]
        stamp, suffix = text[start:end], text[end:]
        if not _residue_is_actions(_without_times(suffix)):
            return None
    elif not _residue_is_actions(suffix):
        byline = _BYLINE_AFTER.fullmatch(suffix)
        if byline is None or not _residue_is_actions(byline.group("rest")) or not _verb_only(prefix):
            return None
        # "answered Jan 8, 2020 by Ann Lee (310 points)": the poster named after the time
        prefix, suffix = byline.group("name"), byline.group("rest")
    if parse_timestamp(stamp) is None:
        return None
    if len(words(prefix)) > 8 or prefix.rstrip().endswith(":"):
        return None  # "Joined: <date>" is a label, not a name
    if _RATING_ONLY.fullmatch(prefix):
        prefix = ""  # "★★★★☆ 2 months ago": the rating a review gave, no name
    if relative_day(prefix) or (_YEAR.fullmatch(stamp.strip()) and month_word(prefix)):
        # "кечээ 18:05", "gestern 18:05": the day, no name; "January 2020" (an archive link): the month of the year
        stamp, prefix = f"{prefix.strip()} {stamp.strip()}", ""
    return _strip_connectors(prefix), stamp.strip(), suffix.strip(_SEPARATORS)


# Where a day number may be glued to the name before it: after a letter, "_" or "-" and any
# digits of the name ("hassan_ottawa|12 March", "noor_k-89|13 May").
_GLUED_DAY = regex.compile(r"(?<=[\p{L}_\-]\d*)(?=[0-3]?\d\s+\p{L})")


def _unglued(text: str, first: tuple[int, int]) -> str | None:
    """``text`` with a space between a name and the day number glued to it, where the time
    then starts at that day and runs over the first time found (``hassan_ottawa12 March
    2021``: the page dropped the space, only the year was read); the longest such day
    (``noor_k-89`` + ``13 May``, not ``noor_k-891`` + ``3 May``); None otherwise."""
    for cut in (m.start() for m in _GLUED_DAY.finditer(text, 0, first[0])):
        spaced = f"{text[:cut]} {text[cut:]}"
        spans = find_times(spaced)
        if spans and spans[0][0] == cut + 1 and spans[0][1] > first[0] + 1:
            return spaced
    return None


_NUMBERING = regex.compile(r"#?\d+\.?")  # "#12", "3."


def _strip_connectors(prefix: str) -> str:
    tokens = prefix.strip(_SEPARATORS).split()
    while tokens and (tokens[-1].casefold().strip(_SEPARATORS) in _CONNECTORS
                      or not tokens[-1].strip(_SEPARATORS)):
        tokens.pop()
    while tokens and (tokens[0].casefold() in _CONNECTORS or _NUMBERING.fullmatch(tokens[0])
                      or not tokens[0].strip(_SEPARATORS)):
        tokens.pop(0)
    joined = " ".join(tokens)
    # "kimm****" keeps its mask; "*Ann*" loses its emphasis
    name = joined.lstrip(_SEPARATORS).rstrip(_SEPARATORS if joined.startswith("*") else _SEPARATORS.replace("*", ""))
    return name + ")" if name.count("(") == name.count(")") + 1 and not name.endswith("(") else name


# "14:32 | Karen_77", "3 hours ago · Ann (Leeds)": a time field, a separator, the rest
_LEADING_FIELD = regex.compile(r"\s*(?P<lead>[^·•|]{1,40}?)(?:\s*[·•|]\s*|\s+[-–—]\s+)(?P<rest>[^·•|]{1,60}?)\s*")
# a count, a unit word of some language and at most one more word: an age whose "ago" word
# the locale data lacks (``३ घण्टा अगाडि``), read as one only at the head of a header line
_UNIT_AGE = regex.compile(r"\d{1,3}\s*(?P<unit>[\p{L}\p{M}]+)(?:\s+[\p{L}\p{M}]+)?")


@lru_cache(maxsize=16384)
def split_leading_time(text: str) -> tuple[str, str] | None:
    """Split a header line that opens with its timestamp into (timestamp, rest): the time
    field, one separator (``·``, ``•``, ``|``, a spaced dash), then one more field (a name,
    maybe with a place, or the writer's role). Besides what :func:`parse_timestamp` reads, the time field may be a count and a
    unit word of any language with one word after it (an "ago" word the locale data lacks).

    >>> split_leading_time("14:32 | Karen_77")
    ('14:32', 'Karen_77')
    >>> split_leading_time("3 hours ago · Ann Lee (Leeds)")
    ('3 hours ago', 'Ann Lee (Leeds)')
    >>> split_leading_time("Home | News") is None, split_leading_time("2019 | 3 comments")
    (True, ('2019', '3 comments'))
    """
    m = _LEADING_FIELD.fullmatch(inline_markup_text(text))
    if m is None:
        return None
    lead = m.group("lead").strip(_SEPARATORS)
    age = _UNIT_AGE.fullmatch(lead)
    if not (age is not None and age.group("unit").casefold() in _UNIT_WORDS
            or find_times(lead) and parse_timestamp(lead) is not None):
        return None
    return lead, m.group("rest")


def reply_bar(text: str) -> bool:
    """True for an action bar that names an action (not only counts and times).

    >>> reply_bar("Like · Reply · 2y"), reply_bar("2d"), reply_bar("Updated at 16.09 GMT")
    (True, False, False)
    """
    return action_line(text) and any(w in ACTION_WORDS for w in words(_without_times(text)))


_COUNT_OR_ARROW = regex.compile(r"[\d△▽▲▼]")  # a vote bar's count or arrows


@lru_cache(maxsize=16384)
def action_line(text: str) -> bool:
    """True for a comment action/vote line: only action words, counts, times, symbols.

    >>> action_line("24 △ ▽ • Reply • Share ›"), action_line("Like · Reply · 2y")
    (True, True)
    >>> action_line("Bring them all home.")
    False
    """
    text = inline_markup_text(text)
    if len(text) > 80:
        return False  # longer than any action bar (checked first: the time pattern is costly)
    stripped = _without_times(text)
    ws = words(stripped)
    if not ws:
        return len(text) <= 40 and (bool(_COUNT_OR_ARROW.search(text)) or len(text) <= 3)
    return len(text) <= 80 and all(w in ACTION_WORDS or w in _CONNECTORS for w in ws)


# a last field set apart by a wide gap: no digit, no separator at its start
_GAP_FIELD = regex.compile(r"(?:\s{2,}|\t)(?P<badge>[^\s\d·•|:,/\-–—][^\d]{0,30})$")


def gap_badge(text: str) -> int | None:
    """Where a short last field set apart from the rest of a header line by a wide gap
    begins (``Ann Lee  Owner``, ``2h · Ann  ✔ Verified``): one or two words with no digit,
    a badge some posters carry. None when the line has no such field.

    >>> gap_badge("Ann Lee  Owner"), gap_badge("Ann Lee · Owner"), gap_badge("Ann  12 likes")
    (7, None, None)
    """
    m = _GAP_FIELD.search(text)
    return m.start() if m is not None and len(m.group("badge").split()) <= 2 else None


LEVEL_TAIL = regex.compile(r"(?<=\S)\s+(?:lv|lvl|level)\.?\s?\d{1,3}$", regex.I)  # a poster's level badge
# a wiki user's links after the name, two or more short fields between "|" in parentheses
# (``Ann (talk | contribs)``), in any language
LINKS_TAIL = regex.compile(r"(?<=\S)\s+\((?:[^()|\d]{1,25}\|)+[^()|\d]{1,25}\)$")
_RATING = r"[★☆✩✭⭐½]+"  # a rating drawn in stars
_RATING_TAIL = regex.compile(r"(?<=\S)\s+" + _RATING + "$")
# a federated account's handle after the display name ("Ann Lee @ann@social.example"): user and server
HANDLE_TAIL = regex.compile(r"(?<=\S)\s+@[\w.\-]*\w@[\w\-]+(?:\.[\w\-]+)+$")
_RATING_ONLY = regex.compile(r"\s*" + _RATING + r"\s*")
_USER_ID_TAIL = regex.compile(r"\s+\(\d{1,9}\)$")
_USER_NAME = regex.compile(r"[\w.\-/@]*\p{L}[\w.\-/@]*")  # one token with a letter: "jk_in_ohio", "u/x"
_LABEL_VALUE = regex.compile(r"[\w ]{1,20}:\s")  # "Label: value"


@lru_cache(maxsize=16384)
def name_like(text: str) -> bool:
    """True for a line that can be a display name (``Marcus T.``, ``jk_in_ohio``, ``u/x``).

    >>> name_like("Laila Hassan"), name_like("Posted by"), name_like("Bring them home.")
    (True, False, False)
    """
    text = _USER_ID_TAIL.sub("", text.strip())  # "jdaniels (44123)": a user id
    text = _RATING_TAIL.sub("", text)  # "Review by Hamid R. ★★★★": the rating the writer gave
    text = LEVEL_TAIL.sub("", text)  # "夜航船的猫 LV5": the poster's level
    text = LINKS_TAIL.sub("", text)  # "Ann (talk | contribs)": her wiki links
    text = HANDLE_TAIL.sub("", text)  # "Ann Lee @ann@social.example": the name before her handle
    if _IP_ADDRESS.fullmatch(text):
        return True  # an unregistered poster is shown by address
    if not 1 <= len(text) <= 40 or ends_sentence(text) or text.endswith((":", ",", "?", "!")):
        return False
    tokens = text.split()
    if len(tokens) == 1 and _USER_NAME.fullmatch(text):
        return not chrome_words_only(text) and not action_line(text)  # a user name
    if len(tokens) > 4 or action_line(text):
        return False
    ws = words(text)
    if not ws or _LABEL_VALUE.match(text):
        return False  # no letters, or a "Label: value" line
    if chrome_words_only(text) or all(w in _CONNECTORS or w in ACTION_WORDS for w in ws):
        return False
    last_is_stop = len(ws[-1]) > 1 and ws[-1] in _stop_lists()[0]
    # the widget-vocabulary languages only: with every list, given names turn into some
    # language's function words ("Tom" is Czech, "Jan" Dutch)
    share = stop_share([w for w in ws if len(w) > 1], n_lists=_NAME_LISTS)
    # "Ali Jabbar": a capitalised given name may be a stopword in another language
    named = not last_is_stop and (share < 0.5 or (share < 1 and capital_share(text) == 1
                                                  and ws[0] not in _stop_lists()[0]))
    # a timestamp is no name; read last, the parse is the costly test
    return named and not (find_times(text) and parse_timestamp(text))

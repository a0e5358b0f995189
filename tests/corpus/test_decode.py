import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpuslib.corpus.decode import decode_bytes, looks_binary
from corpuslib.errors import DocumentError


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Shi’ite – “Teheran”".encode(), "Shi’ite – “Teheran”", "utf-8"),
        (codecs.BOM_UTF8 + b"Iraq\r\nIran\r\n", "Iraq\r\nIran\r\n", "utf-8-sig"),
        ("caf\u00e9 \u2013 \u201cgrand bargain\u201d talks in Teheran".encode("cp1252"),
         "caf\u00e9 \u2013 \u201cgrand bargain\u201d talks in Teheran", "cp1252"),
        (codecs.BOM_UTF16_LE + "US troops".encode("utf-16-le"), "US troops", "utf-16-le"),
    ],
)
def test_decodes_and_keeps_line_endings(data, text, encoding):
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding == encoding


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", codecs.BOM_UTF8 + b"\n"])
def test_empty_is_an_error_naming_the_file(data):
    with pytest.raises(DocumentError, match="page.txt: empty"):
        decode_bytes(data, name="page.txt")


def test_binary_is_an_error_naming_the_file():
    with pytest.raises(DocumentError, match="img.png: binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", name="img.png")
    assert looks_binary(b"\x00\x01\x02\x03")
    assert not looks_binary("Arabic: ثلاثة".encode())


def test_bad_bom_is_undecodable():
    with pytest.raises(DocumentError, match="bad.txt"):
        decode_bytes(codecs.BOM_UTF8 + b"\xff\xfe\xfd oops", name="bad.txt")


_TEXT = st.text(
    alphabet=st.one_of(st.characters(blacklist_categories=("Cc", "Cs")), st.sampled_from("\n\r\t")),
    min_size=1,
).filter(lambda s: s.removeprefix("\ufeff").strip())  # a lone BOM is an empty file


def test_bom_only_file_is_empty():
    with pytest.raises(DocumentError, match="bom.txt: empty file"):
        decode_bytes(codecs.BOM_UTF8, name="bom.txt")


@given(_TEXT)
def test_utf8_round_trip(text):
    assert decode_bytes(text.encode("utf-8")).text == text.removeprefix("\ufeff")


def test_legacy_encoding_without_detector_run_is_the_detectors_choice():
    """cp1252 with no chaos is chosen without running charset_normalizer: the same pick."""
    from charset_normalizer import from_bytes

    from corpuslib.corpus.decode import _pick_legacy_encoding

    samples = [
        "Teheran – Bagdad: “Frieden” für Irak, Äußerung, naïve café.".encode("cp1252"),
        ("Москва и Тегеран договорились о переговорах по Ираку. " * 3).encode("cp1251"),
        ("طهران وبغداد تتفقان على الحوار " * 3).encode("cp1256"),
        ("Zürich - Genève: l'été, «Irak» " * 2).encode("latin-1"),
        "Kraków, Łódź i Gdańsk: żołnierze w Iraku ".encode("cp1250"),
        b"plain \x80\x81\x8d\x8f\x90 bytes \xff\xfe",
    ]
    for data in samples:
        assert _pick_legacy_encoding(None, data) == _pick_legacy_encoding(from_bytes(data), data)


def test_a_latin1_page_is_read_in_a_web_encoding_not_a_printer_codepage():
    """Finnish in latin-1 with CR line ends: charset_normalizer finds less chaos in
    hp-roman8 than in cp1252, but browsers never decode pages in hp-roman8."""
    text = (
        "Ydinsopimus ja Irakin öljy\r"
        "Yhdysvaltain ja Iranin välinen kiista näkyy Bagdadissa päivittäin.\r"
        "Äänestäjät eivät usko, että pakotteet päättyvät pian.\r"
        "Öljyn hinta nousi tällä viikolla, kertoo ministeriö.\r"
    ) * 6
    decoded = decode_bytes(text.encode("latin-1"))
    assert decoded.encoding in {"cp1252", "latin-1", "iso8859-15"}
    assert decoded.text == text

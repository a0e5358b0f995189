"""Turn the bytes of a raw page into text, detecting the encoding.

The decoded text is the reference for every character offset in
``segments.parquet``: the bytes decoded with the detected encoding, a leading
BOM dropped, and nothing else changed (line endings and spacing as in the file).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from corpuslib.errors import DocumentError

__all__ = [
    "MIXED",
    "PREFERRED_LEGACY",
    "WEB_LEGACY",
    "decode_as",
    "decode_bytes",
    "looks_binary",
    "Decoded",
]


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


# Control characters other than \t \n \r \f \v, ESC: their presence in quantity means binary.
_CONTROL = frozenset(range(0, 32)) - {9, 10, 11, 12, 13, 27}


_CONTROL_BYTES = tuple(bytes([b]) for b in sorted(_CONTROL))


@dataclass(frozen=True)
class Decoded:
    """Text decoded from raw bytes.

    Attributes
    ----------
    text : str
        The decoded text (BOM removed, nothing else changed).
    encoding : str
        The encoding used, as a Python codec name (``utf-8``, ``utf-8-sig``, ``cp1252`` …),
        or ``utf-8+cp1252``: UTF-8 whose stray non-UTF-8 bytes were read as cp1252.
    repaired : int
        How many stray bytes were read as cp1252 (``utf-8+cp1252`` only).
    """

    text: str
    encoding: str
    repaired: int = 0


#: Label of a page decoded as UTF-8 with stray bytes read as cp1252 (see :func:`decode_as`).
MIXED = "utf-8+cp1252"


def _cp1252_byte(byte: int) -> str:
    # WHATWG windows-1252: the five bytes cp1252 leaves undefined map to the C1 controls.
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


_CP1252 = tuple(_cp1252_byte(b) for b in range(256))


def _repair_cp1252(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):  # pragma: no cover - decoding only
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_CP1252[b] for b in bad), exc.end


codecs.register_error("corpuslib-cp1252", _repair_cp1252)


def decode_as(data: bytes, encoding: str) -> str:
    """Decode ``data`` with an encoding :func:`decode_bytes` reported (``utf-8+cp1252`` included).

    >>> decode_as("Tehran – ".encode() + "Bagdad – ok".encode("cp1252"), MIXED)
    'Tehran – Bagdad – ok'
    """
    if encoding == MIXED:
        return data.decode("utf-8", errors="corpuslib-cp1252")
    return data.decode(encoding)


def _utf8_with_strays(data: bytes) -> tuple[int, int]:
    """(valid multi-byte UTF-8 characters, stray bytes that are not UTF-8)."""
    text = data.decode("utf-8", errors="surrogateescape")
    stray = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    valid = sum(1 for ch in text if ch > "\x7f") - stray
    return valid, stray


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when ``data`` reads as BOM-less UTF-16 text, else None.

    Text in a Latin or mixed script has a zero byte in most code units, always on
    the same side; binary files have zeros on both sides or none.
    """
    head = data[: 8192 - 8192 % 2]
    if len(head) < 8:
        return None
    pairs = len(head) // 2
    zero_even = sum(1 for i in range(0, len(head), 2) if head[i] == 0)
    zero_odd = sum(1 for i in range(1, len(head), 2) if head[i] == 0)
    if zero_odd >= 0.3 * pairs and zero_even <= 0.02 * pairs:
        candidate = "utf-16-le"
    elif zero_even >= 0.3 * pairs and zero_odd <= 0.02 * pairs:
        candidate = "utf-16-be"
    else:
        return None
    try:
        text = data[: len(data) - len(data) % 2].decode(candidate)
    except UnicodeDecodeError:
        return None
    if len(data) % 2:
        return None
    sample = text[:4096]
    control = sum(1 for ch in sample if ord(ch) < 32 and ord(ch) not in _CONTROL_OK)
    return candidate if control <= 0.01 * max(len(sample), 1) else None


_CONTROL_OK = frozenset({9, 10, 11, 12, 13, 27})


def looks_binary(data: bytes, *, sample: int = 8192, max_control_share: float = 0.05) -> bool:
    """Return True when ``data`` looks like a binary file rather than text.

    Parameters
    ----------
    data : bytes
        The raw bytes.
    sample : int
        How many leading bytes to inspect.
    max_control_share : float
        Largest share of C0 control bytes (other than whitespace) that text may hold.

    Examples
    --------
    >>> looks_binary(b"plain text\\n")
    False
    >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR")
    True
    """
    head = data[:sample]
    if not head:
        return False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if b"\x00" in head:
        return True
    control = sum(head.count(b) for b in _CONTROL_BYTES)
    return control / len(head) > max_control_share


def decode_bytes(data: bytes, *, name: str = "<bytes>") -> Decoded:
    """Decode the bytes of a scraped page.

    Order of attempts: a byte-order mark (UTF-8/16/32), UTF-16 without a BOM
    (zero bytes on one side of most code units), strict UTF-8, UTF-8 with stray
    bytes read as cp1252 (``utf-8+cp1252``, when the page holds valid multi-byte
    UTF-8 that a legacy codepage would garble), then the best guess of
    ``charset_normalizer`` (e.g. cp1252 or latin-1 for old pages).

    Parameters
    ----------
    data : bytes
        Raw file content.
    name : str
        File name used in error messages.

    Returns
    -------
    Decoded
        The text (leading BOM dropped) and the encoding used.

    Raises
    ------
    DocumentError
        If the file is empty (or whitespace only), binary, or no encoding decodes it.

    Examples
    --------
    >>> decode_bytes("Teheran – Bagdad".encode("cp1252")).text
    'Teheran – Bagdad'
    >>> decode_bytes(codecs.BOM_UTF8 + b"US\\r\\n").text
    'US\\r\\n'
    """
    if not data.strip():
        raise DocumentError(f"{name}: empty file (no text to segment)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DocumentError(
                    f"{name}: starts with a {encoding} byte-order mark but does not decode: {exc}"
                ) from exc
            text = text.removeprefix("\ufeff")
            return _checked(
                Decoded(text, "utf-8-sig" if encoding == "utf-8-sig" else encoding), name
            )
    utf16 = _utf16_without_bom(data) if b"\x00" in data[:8192] else None
    if utf16 is not None:
        return _checked(Decoded(data.decode(utf16), utf16), name)
    if looks_binary(data):
        raise DocumentError(f"{name}: binary content (NUL or control bytes), not a text page")
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"), name)
    except UnicodeDecodeError:
        pass
    valid, stray = _utf8_with_strays(data)
    if valid and stray <= valid:  # decided below whatever the detector says
        return _checked(Decoded(decode_as(data, MIXED), MIXED, repaired=stray), name)
    encoding = _pick_legacy_encoding(None, data)
    western = encoding is not None and encoding in {
        codecs.lookup(e).name for e in ("cp1252", "latin_1", "iso8859_15")
    }
    if valid and (stray <= valid or western or encoding is None):
        # Mostly UTF-8 with stray legacy bytes (a page pasted together from two
        # sources): reading it whole in a legacy codepage would garble every valid
        # UTF-8 character, so keep UTF-8 and read only the stray bytes as cp1252.
        return _checked(Decoded(decode_as(data, MIXED), MIXED, repaired=stray), name)
    if encoding is None:
        raise DocumentError(f"{name}: undecodable: not UTF-8 and no encoding detected")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:  # pragma: no cover - detector promised otherwise
        raise DocumentError(f"{name}: undecodable as detected {encoding}: {exc}") from exc
    return _checked(Decoded(text, encoding), name)


# When several single-byte encodings fit a page equally well (short texts often
# do), prefer the ones non-UTF-8 web pages actually use: the WHATWG encoding
# standard maps "latin-1"/"iso-8859-1" labels to windows-1252.
PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15", "cp1251", "cp1256", "iso8859_6", "cp1250")

# The legacy encodings of the WHATWG Encoding Standard (https://encoding.spec.whatwg.org/,
# "Legacy single-byte encodings" and the legacy multi-byte ones): the only ones browsers
# decode pages in, hence the only ones saved pages come in. The detector also weighs DOS
# and printer codepages (cp850, hp-roman8 ...) that can read a Finnish page with less
# "chaos" than cp1252; they are chosen only when no web encoding decodes the page.
WEB_LEGACY = (
    "cp866", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7",
    "iso8859_8", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15", "iso8859_16",
    "koi8_r", "koi8_u", "mac_roman", "cp874", "cp1250", "cp1251", "cp1252", "cp1253",
    "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "mac_cyrillic", "latin_1",
    "iso8859_9", "iso8859_11", "gbk", "gb18030", "big5", "euc_jp", "iso2022_jp",
    "shift_jis", "euc_kr",
)


def _pick_legacy_encoding(matches, data: bytes, *, tolerance: float = 0.01) -> str | None:
    """Choose an encoding from charset_normalizer matches (best chaos, then preference).

    Only the web's legacy encodings (:data:`WEB_LEGACY`) compete when any of them fits.

    *matches* ``None``: ``charset_normalizer.from_bytes(data)``, run only when needed.
    A chaos (mess ratio) is never below 0, so when cp1252, the first preference,
    reads *data* with a chaos within *tolerance* of 0 it is chosen whatever the
    detector finds, and the detector is not run.
    """
    from charset_normalizer.md import mess_ratio

    own = []
    for enc in PREFERRED_LEGACY[:1]:
        try:
            own.append((enc, mess_ratio(data.decode(enc))))
        except UnicodeDecodeError:
            pass
    if matches is None:
        if own and own[0][1] <= tolerance:
            return codecs.lookup(own[0][0]).name
        from charset_normalizer import from_bytes

        matches = from_bytes(data)
    found = [(m.encoding, m.chaos) for m in matches if m.encoding] + own
    web = {codecs.lookup(enc).name for enc in WEB_LEGACY}
    found = [item for item in found if codecs.lookup(item[0]).name in web] or found
    if not found:
        return None
    best_chaos = min(chaos for _, chaos in found)
    near = {codecs.lookup(enc).name for enc, chaos in found if chaos <= best_chaos + tolerance}
    for enc in PREFERRED_LEGACY:
        if codecs.lookup(enc).name in near:
            return codecs.lookup(enc).name
    best = min(found, key=lambda item: item[1])[0]
    return codecs.lookup(best).name


def _checked(decoded: Decoded, name: str) -> Decoded:
    if not decoded.text.strip():
        raise DocumentError(f"{name}: empty file (no text to segment)")
    return decoded

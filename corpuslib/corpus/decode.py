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
    "PREFERRED_LEGACY",
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
        The encoding used, as a Python codec name (``utf-8``, ``utf-8-sig``, ``cp1252`` …).
    """

    text: str
    encoding: str


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

    Order of attempts: a byte-order mark (UTF-8/16/32), strict UTF-8, then the
    best guess of ``charset_normalizer`` (e.g. cp1252 or latin-1 for old pages).

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
    if looks_binary(data):
        raise DocumentError(f"{name}: binary content (NUL or control bytes), not a text page")
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"), name)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    encoding = _pick_legacy_encoding(from_bytes(data), data)
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


def _pick_legacy_encoding(matches, data: bytes, *, tolerance: float = 0.01) -> str | None:
    """Choose an encoding from charset_normalizer matches (best chaos, then preference)."""
    from charset_normalizer.md import mess_ratio

    found = [(m.encoding, m.chaos) for m in matches if m.encoding]
    for enc in PREFERRED_LEGACY[:1]:
        try:
            found.append((enc, mess_ratio(data.decode(enc))))
        except UnicodeDecodeError:
            pass
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

"""Bytes → text, refusing what is not an article: empty, binary, not UTF-8 (with a guess at the
encoding it was saved in), or larger than any news article. Newlines are normalised exactly as
`Path.read_text()` does, so claim offsets match what a user's script reads.
"""

from __future__ import annotations

import re
from typing import NoReturn

from factcheck.errors import InputError

MAX_BYTES = 20_000_000
"""Larger inputs are refused: no news article is 20 MB, and parsing one would exhaust memory."""
MAX_CHARS = 1_000_000
"""Longer texts are refused: spaCy's default `max_length`, past which the pipeline raises for the
whole batch, so one such file would stop a run instead of failing alone."""


def looks_like_html(text: str) -> bool:
    """A saved web page, whatever its name: it opens with a doctype or an <html> element."""
    head = text[:1024].lstrip("\ufeff \t\n").lower()
    return head.startswith(("<!doctype html", "<html")) or (
        head.startswith("<?xml") and "<html" in head
    )


_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]{2,40})""", re.I)


def recode(name: str, data: bytes, encoding: str) -> bytes:
    """Bytes in `encoding` as UTF-8 (a BOM still wins: it says what the text is)."""
    if any(data.startswith(bom) for bom, _ in _BOMS) or data.startswith(b"\xef\xbb\xbf"):
        return data
    try:
        return data.decode(encoding).encode("utf-8")
    except LookupError:
        raise InputError(name, f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        where = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
        raise InputError(name, f"not {encoding} ({where})") from None


def decode_text(name: str, data: bytes, *, html: bool = False) -> str:
    """Bytes → text, refusing what is not an article: empty, binary, not UTF-8, or too long.

    A NUL byte anywhere makes a file binary: UTF-8 allows it, but no article holds one, and a
    text file with a binary tail would otherwise be parsed as prose.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            # text that names its encoding by a byte-order mark (Notepad's "Unicode" is UTF-16)
            try:
                data = data[len(bom) :].decode(codec).encode("utf-8")
            except UnicodeDecodeError as exc:
                return refuse(
                    name, f"not valid {codec.upper()} though it starts with its BOM ({exc.reason})"
                )
            break
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        return refuse(name, "empty file")
    if b"\x00" in data[:8192] or _looks_binary(data[:8192]):
        return refuse(name, "binary file, not text")
    nul = data.find(b"\x00")
    if nul >= 0:
        return refuse(name, f"binary file, not text (NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        declared = _CHARSET.search(data[:4096]) if html or data.lstrip()[:1] == b"<" else None
        charset = declared.group(1).decode("ascii").lower() if declared else None
        if charset and charset.replace("-", "") not in ("utf8",):
            try:  # a page in the charset it declares
                text = data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                return refuse(name, f"not readable as the {charset} it declares, nor as UTF-8")
        else:
            where = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
            also = f", though it declares {charset}" if charset else _legacy_hint(data)
            return refuse(name, f"not UTF-8 ({where}{also})")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_CHARS and not (html or looks_like_html(text)):
        return refuse(name, f"longer than {MAX_CHARS:,} characters; split it into articles")
    return text  # a page's markup does not count: its article text is checked once extracted


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
"""Byte-order marks and the encodings they declare (UTF-32 first: its LE mark starts with
UTF-16's)."""


def _legacy_hint(data: bytes) -> str:
    """A guess at the 8-bit encoding a non-UTF-8 text was saved in, to say how to convert it:
    Windows-1252 where every byte decodes (curly quotes and dashes are its 0x80-0x9f)."""
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "; give its encoding with --encoding"
    return "; looks like Windows-1252: --encoding windows-1252 reads it"


_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _looks_binary(chunk: bytes) -> bool:
    """More than 5% control bytes (tab, newlines and form feed aside); counted in C, since a
    re-run reads every file again."""
    if not chunk:
        return False
    control = len(chunk) - len(chunk.translate(None, _CONTROL))
    return control / len(chunk) > 0.05


def refuse(name: str, problem: str) -> NoReturn:
    """Stop reading an input: one `InputError` naming it, which the run reports and goes past."""
    raise InputError(name, problem)

"""News exports → articles, streamed: one article a row of a `.jsonl`, `.json` (an array) or
`.csv` file, as news databases and scrapers write them.

Fields are found by the names such exports use (`text`/`content`/`body`/`maintext`, `title`,
`url`, `date`/`published`/`publish_date`/`seendate`, `publisher`/`source`/`domain`/`site_name`)
or named by the user. A row is read, turned into an article and dropped before the next is read,
so an export of any size runs in the memory of one row. A bad row is one error naming the file
and the row; the rows after it are still read.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from factcheck.dates import publication_date
from factcheck.errors import InputError

EXPORT_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv")
MAX_ROW_BYTES = 20_000_000
"""A row may be as large as a file may be (articles.MAX_BYTES)."""
_CHUNK = 1 << 16


@dataclass(frozen=True)
class ExportFields:
    """Which field of a row holds what: the user's names first, then the common ones."""

    text: tuple[str, ...] = ("text", "content", "body", "maintext", "article", "full_text")
    title: tuple[str, ...] = ("title", "headline")
    url: tuple[str, ...] = ("url", "link", "canonical_url")
    date: tuple[str, ...] = (
        "date", "published", "publish_date", "published_at", "date_publish", "seendate", "pubdate",
    )  # fmt: skip
    publisher: tuple[str, ...] = (
        "publisher", "source", "source_name", "domain", "site_name", "sitename", "outlet",
    )  # fmt: skip

    def named(self, **names: str | None) -> ExportFields:
        """These fields with the user's own names put first."""
        given = {k: (v, *getattr(self, k)) for k, v in names.items() if v}
        return ExportFields(**{**self.__dict__, **given})


@dataclass(frozen=True)
class ExportRow:
    name: str  # "FILE#ROW", or the row's URL
    text: str
    title: str | None
    url: str | None
    published: dt.date | None
    publisher: str | None


def is_export(path: Path) -> bool:
    return path.suffix.lower() in EXPORT_SUFFIXES


def iter_export(path: Path, fields: ExportFields) -> Iterator[ExportRow | InputError]:
    """Each row of an export in order, or an error in its place."""
    name = path.as_posix()
    try:
        with path.open("rb") as raw:
            suffix = path.suffix.lower()
            if suffix == ".csv":
                rows = _csv_rows(raw, name)
            elif suffix == ".json":
                rows = _json_array_rows(raw, name)
            else:
                rows = _jsonl_rows(raw, name)
            for number, row in rows:
                if isinstance(row, InputError):
                    yield row
                else:
                    yield _article_row(f"{name}#{number}", row, fields)
    except OSError as exc:
        yield InputError(name, exc.strerror or str(exc))


def _article_row(where: str, row: Any, fields: ExportFields) -> ExportRow | InputError:
    if not isinstance(row, Mapping):
        return InputError(where, f"row is {type(row).__name__}, not an object")
    lower = {str(k).lower(): v for k, v in row.items()}

    def pick(names: tuple[str, ...]) -> str | None:
        for n in names:
            v = lower.get(n.lower())
            if isinstance(v, Mapping):  # {"source": {"name": "Reuters"}}
                v = v.get("name") or v.get("title")
            if v is not None and str(v).strip():
                return str(v).strip()
        return None

    text = pick(fields.text)
    if text is None:
        return InputError(where, f"no text field (looked for {', '.join(fields.text[:4])} …)")
    url = pick(fields.url)
    return ExportRow(
        name=url or where,
        text=text,
        title=pick(fields.title),
        url=url,
        published=publication_date(pick(fields.date)),
        publisher=pick(fields.publisher),
    )


def _jsonl_rows(raw: IO[bytes], name: str) -> Iterator[tuple[int, Any]]:
    number = 0
    while True:
        line = raw.readline(MAX_ROW_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_ROW_BYTES and not line.endswith(b"\n"):
            while (rest := raw.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the oversized row without holding it
            yield number, InputError(f"{name}#{number}", "row larger than 20 MB")
            continue
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except RecursionError:
            yield number, InputError(f"{name}#{number}", "nested too deeply to be an article")
        except UnicodeDecodeError as exc:
            yield number, InputError(f"{name}#{number}", f"not UTF-8 ({exc.reason})")
        except ValueError as exc:
            cut = "" if line.endswith(b"\n") else ", cut off at the end of the file"
            yield number, InputError(f"{name}#{number}", f"not JSON ({exc.args[0]}{cut})")


def _csv_rows(raw: IO[bytes], name: str) -> Iterator[tuple[int, Any]]:
    import io

    # a bad byte becomes U+FFFD in its row rather than ending the file at the chunk it sits in
    text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline="")
    reader = csv.DictReader(text)
    number = 0
    while True:
        # the csv module's field limit is process-wide: raised for an export's row only, so a
        # manifest read elsewhere keeps its own
        before = csv.field_size_limit(MAX_ROW_BYTES)
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            yield reader.line_num, InputError(f"{name}#{reader.line_num}", f"bad CSV ({exc})")
            return  # the reader cannot be trusted past a broken row
        finally:
            csv.field_size_limit(before)
        number += 1
        if None in row:  # more cells than the header names
            row.pop(None)
        yield number, row


def _json_array_rows(raw: IO[bytes], name: str) -> Iterator[tuple[int, Any]]:
    """The objects of a top-level JSON array, decoded one at a time from a rolling buffer.

    Unlike JSONL, an array cannot be picked up again after a malformed row: the read ends
    there with one error, and the rows before it stand. A row is re-scanned on each read it
    spans, so very large rows are better written as JSONL."""
    import codecs

    decoder = json.JSONDecoder()
    utf8 = codecs.getincrementaldecoder("utf-8-sig")()
    buf, pos, eof, number = "", 0, False, 0

    def fill() -> bool:
        nonlocal buf, pos, eof
        chunk = raw.read(_CHUNK)
        eof = not chunk
        buf = buf[pos:] + utf8.decode(chunk, final=eof)
        pos = 0
        return not eof

    def skip_space() -> None:
        nonlocal pos
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n":
                pos += 1
            if pos < len(buf) or not fill():
                return

    try:
        skip_space()
        if buf[pos : pos + 1] != "[":
            yield 1, InputError(name, "a .json export must be an array of objects")
            return
        pos += 1
        while True:
            skip_space()
            if buf[pos : pos + 1] == "]":
                return
            if pos >= len(buf):
                yield number + 1, InputError(f"{name}#{number + 1}", "array cut off at the end")
                return
            while True:
                try:
                    row, end = decoder.raw_decode(buf, pos)
                    break
                except RecursionError:
                    yield number + 1, InputError(
                        f"{name}#{number + 1}", "nested too deeply to be an article"
                    )
                    return
                except ValueError as exc:
                    if len(buf) - pos > MAX_ROW_BYTES:
                        yield number + 1, InputError(f"{name}#{number + 1}", "row larger than 20 MB")
                        return
                    if not fill():
                        yield number + 1, InputError(
                            f"{name}#{number + 1}", f"not JSON ({exc.args[0]})"
                        )
                        return
            number += 1
            pos = end
            yield number, row
            skip_space()
            if buf[pos : pos + 1] == ",":
                pos += 1
    except UnicodeDecodeError as exc:
        yield number + 1, InputError(f"{name}#{number + 1}", f"not UTF-8 ({exc.reason})")

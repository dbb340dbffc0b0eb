"""Paths and stdin → articles with their text and provenance (publisher, date, where each came from).

The first step of the flow and the only one that touches user files, so every way a file can be
bad ends here as an `InputError` naming the file; the caller reports it and goes on. Text is
decoded as UTF-8 with newlines normalised exactly as `Path.read_text()` does, so claim offsets
match what a user's script reads.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from factcheck.dates import publication_date
from factcheck.errors import InputError, ManifestError
from factcheck.ingest.exports import ExportFields, ExportRow, is_export, iter_export
from factcheck.models import Article

SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
"""What a folder is read for; .json and .csv files are read only when named (a folder's .csv is
usually its manifest)."""
HTML_SUFFIXES = (".html", ".htm")
T = TypeVar("T")
MANIFEST_NAME = "sources.csv"
MAX_BYTES = 20_000_000
"""Larger inputs are refused: no news article is 20 MB, and parsing one would exhaust memory."""
MAX_CHARS = 1_000_000
"""Longer texts are refused: spaCy's default `max_length`, past which the pipeline raises for the
whole batch, so one such file would stop a run instead of failing alone."""

_HEADER_DATE = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
_FRONT_MATTER = re.compile(r"^---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
_CREDIT = re.compile(r"^(?:[A-Z][A-Z .,'’-]*[ \t]+)?\(([A-Z][A-Z0-9 .&'’-]{2,60})\)", re.M)
"""A credit opens a paragraph, after at most an upper-case dateline: "GAZA (AFP) -". A capitalised
abbreviation inside a sentence ("told Agence France-Presse (AFP)", "the (WHO) said") is not one."""
_DASH_CREDIT = re.compile(
    r"^(?:[A-Z][A-Z .,'’-]*[ \t]+)?\(([A-Z][A-Za-z0-9 .&'’-]{1,60})\)[ \t]*[-–—]", re.M
)
"""A credit in mixed case needs the dash a wire dateline puts after it: "(Reuters) -",
"LONDON (Reuters) -"; "(Hamas)" in a sentence is no credit."""
_LEAD_CREDIT = re.compile(
    r"^([A-Z][A-Za-z]{1,20}(?: [A-Z][A-Za-z]+){0,2})[ \t]+[—–]{1,2}[ \t]", re.M
)
"""An outlet opening a paragraph with a dash: "CNN —" (a known agency or outlet only: "GAZA —"
is a dateline)."""
_BYLINE_CREDIT = re.compile(r"^By [^|\n]{2,80}\|[ \t]*([A-Z][A-Za-z .&'’-]{1,40}?)[ \t]*$", re.M)
"""A byline naming its outlet: "By Jane Doe | AFP"."""
_SOURCE_LINE = re.compile(r"^Source:[ \t]*([A-Z][A-Za-z .&'’-]{1,60}?)[ \t.]*$", re.M)
"""A source line: "Source: Xinhua"."""
_DATED_LINE = re.compile(
    r"^[ \t]*(?:Published|Updated|Posted|Last updated|First published)(?:[ \t]+on)?:?[ \t]+"
    r"(?:[A-Z][a-z]+day,?[ \t]+)?([A-Za-z0-9 ,.]{6,30}?\d{4})\b",
    re.M,
)
"""A "Published on: Mar. 3, 2024" / "Updated 4 Jun, 2024" line near the top."""
_BOM = "\ufeff"
_AGENCIES = {
    "reuters": "Reuters",
    "ap": "Associated Press",
    "associated press": "Associated Press",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "anadolu": "Anadolu Agency",
    "anadolu agency": "Anadolu Agency",
    "xinhua": "Xinhua",
    "bloomberg": "Bloomberg",
    "dpa": "dpa",
    "upi": "UPI",
    "pti": "PTI",
    "ani": "ANI",
    "ians": "IANS",
    "wam": "WAM",
    "efe": "EFE",
    "kyodo": "Kyodo",
    "bbc": "BBC",
    "cnn": "CNN",
    "al jazeera": "Al Jazeera",
}
_SMALL_WORDS = {"of", "the", "and", "in", "on", "for", "a", "an", "at", "to"}


@dataclass(frozen=True)
class Source:
    """One input as the user named it: a file path, or "-" for standard input."""

    name: str
    path: Path | None


@dataclass(frozen=True)
class ManifestRow:
    publisher: str | None
    published: dt.date | None
    url: str | None
    story: str | None = None
    """An optional `story` column: the user's own story label, which clustering never overrides."""


@dataclass(frozen=True)
class LoadedArticle:
    article: Article
    text: str


def expand_paths(paths: Sequence[str]) -> tuple[list[Source], list[InputError]]:
    """Files as given, folders as every *.txt/*.md/*.html/*.htm/*.jsonl below them (sorted),
    "-" as stdin."""
    sources: list[Source] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            sources.append(Source("-", None))
            continue
        p = Path(raw)
        try:
            if p.is_dir():
                found = sorted(
                    (f for f in p.rglob("*") if f.suffix.lower() in SUFFIXES and f.is_file()),
                    key=lambda f: f.as_posix(),
                )
                if not found:
                    errors.append(
                        InputError(raw, "folder holds no .txt, .md, .html or .jsonl files")
                    )
                for f in found:
                    if f.as_posix() not in seen:
                        seen.add(f.as_posix())
                        sources.append(Source(f.as_posix(), f))
            elif p.exists():
                if p.as_posix() not in seen:
                    seen.add(p.as_posix())
                    sources.append(Source(raw, p))
            else:
                errors.append(InputError(raw, "no such file or folder"))
        except PermissionError:
            errors.append(InputError(raw, "permission denied"))
        except OSError as exc:
            errors.append(InputError(raw, exc.strerror or str(exc)))
    return sources, errors


def read_manifest(path: Path) -> tuple[dict[str, ManifestRow], list[ManifestError]]:
    """`file,publisher,published,url` rows keyed by file name; bad rows are reported, not fatal.

    A row is named by its line in the file, as an editor shows it, so blank lines and quoted
    line breaks do not shift the number a user is told to look at.
    """
    name = path.as_posix()
    try:
        if path.stat().st_size > MAX_BYTES:
            return {}, [ManifestError(name, None, f"larger than {MAX_BYTES // 1_000_000} MB")]
        raw = path.read_bytes()
    except OSError as exc:
        return {}, [ManifestError(name, None, exc.strerror or str(exc))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return {}, [
            ManifestError(
                name, None, f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
            )
        ]
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        return {}, [ManifestError(name, reader.line_num, f"unreadable CSV header ({exc})")]
    missing = [c for c in ("file", "publisher", "published") if c not in header]
    if missing:
        return {}, [ManifestError(name, None, f"missing column(s): {', '.join(missing)}")]
    rows: dict[str, ManifestRow] = {}
    errors: list[ManifestError] = []
    while True:
        try:
            fields = next(reader, None)
        except csv.Error as exc:  # e.g. a field past csv's size limit; the rows before it stand
            errors.append(ManifestError(name, reader.line_num, f"unreadable CSV ({exc})"))
            break
        if fields is None:
            break
        if not any(f.strip() for f in fields):
            continue
        lineno = reader.line_num
        if len(fields) > len(header):
            errors.append(
                ManifestError(
                    name,
                    lineno,
                    f"{len(fields)} fields but the header names {len(header)} "
                    "(quote a value that holds a comma)",
                )
            )
            continue
        row = {h: f.strip() for h, f in zip(header, fields, strict=False)}
        file = row.get("file", "")
        if not file:
            errors.append(ManifestError(name, lineno, "empty 'file' column"))
            continue
        published = None
        if row.get("published"):
            published = publication_date(row["published"])
            if published is None:
                errors.append(
                    ManifestError(name, lineno, f"bad date {row['published']!r} (want YYYY-MM-DD)")
                )
                continue
        if file in rows:
            errors.append(ManifestError(name, lineno, f"duplicate row for {file!r}"))
            continue
        rows[file] = ManifestRow(
            row.get("publisher") or None,
            published,
            row.get("url") or None,
            row.get("story") or None,
        )
    return rows, errors


def load_article(
    source: Source,
    *,
    manifest: ManifestRow | None = None,
    publisher: str | None = None,
    published: dt.date | None = None,
    encoding: str | None = None,
) -> LoadedArticle:
    """Read and decode one input and settle its metadata; raises InputError for a bad input.
    `encoding` names the encoding of text that is not UTF-8 (`--encoding`)."""
    data = _read_bytes(source)
    html = _html_named(source)
    if encoding is not None:
        data = recode(source.name, data, encoding)
    text = decode_text(source.name, data, html=html)
    page: dict[str, str] = {}
    if html or looks_like_html(text):
        text, page = html_article(source.name, text)
    meta = read_header(text) if not page else {}

    def publishers() -> Iterator[tuple[str | None, str]]:
        yield publisher, "cli"
        yield (manifest.publisher if manifest else None), "manifest"
        yield meta.get("publisher"), "header"
        yield page.get("publisher"), "html"
        yield credited_publisher(text), "text"
        yield (Path(source.name).name if source.path else "stdin"), "filename"

    def dates() -> Iterator[tuple[dt.date | None, str]]:
        yield published, "cli"
        yield (manifest.published if manifest else None), "manifest"
        yield publication_date(meta.get("published")), "header"
        yield publication_date(page.get("published")), "html"
        yield dated_line(text), "text"

    pub, pub_src = _first_given(publishers())
    date, date_src = _first_given(dates())
    article = Article(
        article=source.name,
        article_id=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        publisher=pub,
        published=date,
        title=meta.get("title") or page.get("title") or guess_title(text),
        publisher_source=pub_src,  # type: ignore[arg-type]
        published_source=date_src,  # type: ignore[arg-type]
        url=(manifest.url if manifest else None) or meta.get("url") or page.get("url"),
        story=manifest.story if manifest else None,
        story_source="manifest" if manifest and manifest.story else "none",
    )
    return LoadedArticle(article, text)


def iter_articles(
    sources: Sequence[Source],
    *,
    manifest_path: Path | None = None,
    publisher: str | None = None,
    published: dt.date | None = None,
    fields: ExportFields | None = None,
    encoding: str | None = None,
) -> Iterator[LoadedArticle | InputError]:
    """Load each source in order, yielding errors in place so the caller can report and go on.
    An export yields one article (or error) a row, streamed."""
    explicit: dict[str, ManifestRow] | None = None
    if manifest_path is not None:
        explicit, errs = read_manifest(manifest_path)
        yield from errs
    folder_manifests: dict[Path, dict[str, ManifestRow]] = {}
    for source in sources:
        row = None
        if explicit is not None:
            row = _lookup(explicit, source)
        elif source.path is not None:
            folder = source.path.parent
            if folder not in folder_manifests:
                folder_manifests[folder] = {}
                candidate = folder / MANIFEST_NAME
                if candidate.is_file():
                    folder_manifests[folder], errs = read_manifest(candidate)
                    yield from errs
            row = _lookup(folder_manifests[folder], source)
        if source.path is not None and is_export(source.path):
            for item in iter_export(source.path, fields or ExportFields()):
                if isinstance(item, InputError):
                    yield item
                    continue
                try:
                    yield load_row(item, publisher=publisher, published=published)
                except InputError as exc:
                    yield exc
            continue
        try:
            yield load_article(
                source, manifest=row, publisher=publisher, published=published, encoding=encoding
            )
        except InputError as exc:
            yield exc


def load_row(
    row: ExportRow, *, publisher: str | None = None, published: dt.date | None = None
) -> LoadedArticle:
    """One export row as an article: its text (a web page's article text when the field holds
    HTML), and publisher and date from the options, the row, the page, the text."""
    text = row.text.replace("\r\n", "\n").replace("\r", "\n")
    page: dict[str, str] = {}
    if looks_like_html(text) or text.lstrip().startswith("<p"):
        text, page = html_article(row.name, text)
    if len(text) > MAX_CHARS:
        _fail(row.name, f"longer than {MAX_CHARS:,} characters; split it into articles")

    def publishers() -> Iterator[tuple[str | None, str]]:
        yield publisher, "cli"
        yield row.publisher, "export"
        yield page.get("publisher"), "html"
        yield credited_publisher(text), "text"

    def dates() -> Iterator[tuple[dt.date | None, str]]:
        yield published, "cli"
        yield row.published, "export"
        yield publication_date(page.get("published")), "html"
        yield dated_line(text), "text"

    pub, pub_src = _first_given(publishers())
    date, date_src = _first_given(dates())
    article = Article(
        article=row.name,
        article_id=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        publisher=pub,
        published=date,
        title=row.title or page.get("title") or guess_title(text),
        publisher_source=pub_src,  # type: ignore[arg-type]
        published_source=date_src,  # type: ignore[arg-type]
        url=row.url or page.get("url"),
    )
    return LoadedArticle(article, text)


def _first_given(candidates: Iterator[tuple[T | None, str]]) -> tuple[T | None, str]:
    """The first value given, strongest source first, with where it came from (`none`). The
    candidates are produced lazily: a weaker source is not read once a stronger one gave."""
    return next(((value, src) for value, src in candidates if value), (None, "none"))


def looks_like_html(text: str) -> bool:
    """A saved web page, whatever its name: it opens with a doctype or an <html> element."""
    head = text[:1024].lstrip("\ufeff \t\n").lower()
    return head.startswith(("<!doctype html", "<html")) or (
        head.startswith("<?xml") and "<html" in head
    )


def html_article(name: str, html: str) -> tuple[str, dict[str, str]]:
    """A web page's article text and what the page says of itself (title, publication date,
    site name, canonical URL), with trafilatura: navigation, sidebars, comments and footers
    are not the article. Paragraphs are joined by blank lines, as in a text file, and claim
    offsets index this text."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # lxml and trafilatura raise many kinds on hostile pages
        return _fail(name, f"HTML page that cannot be read ({type(exc).__name__})")
    body = doc.text if doc is not None else ""
    lines = [line.strip() for line in (body or "").split("\n") if line.strip()]
    if not lines:
        return _fail(name, "HTML page with no article text in it")
    if sum(map(len, lines)) > MAX_CHARS:
        return _fail(name, f"article text longer than {MAX_CHARS:,} characters")
    page = {
        "title": doc.title,
        "published": (doc.date or "")[:10],
        "publisher": doc.sitename,
        "url": doc.url,
    }
    return "\n\n".join(lines), {k: v for k, v in page.items() if v}


def _html_named(source: Source) -> bool:
    return source.path is not None and source.path.suffix.lower() in HTML_SUFFIXES


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
                return _fail(
                    name, f"not valid {codec.upper()} though it starts with its BOM ({exc.reason})"
                )
            break
    if not data.removeprefix(b"\xef\xbb\xbf").strip():
        return _fail(name, "empty file")
    if b"\x00" in data[:8192] or _looks_binary(data[:8192]):
        return _fail(name, "binary file, not text")
    nul = data.find(b"\x00")
    if nul >= 0:
        return _fail(name, f"binary file, not text (NUL byte at offset {nul})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        declared = _CHARSET.search(data[:4096]) if html or data.lstrip()[:1] == b"<" else None
        charset = declared.group(1).decode("ascii").lower() if declared else None
        if charset and charset.replace("-", "") not in ("utf8",):
            try:  # a page in the charset it declares
                text = data.decode(charset)
            except (LookupError, UnicodeDecodeError):
                return _fail(name, f"not readable as the {charset} it declares, nor as UTF-8")
        else:
            where = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
            also = f", though it declares {charset}" if charset else _legacy_hint(data)
            return _fail(name, f"not UTF-8 ({where}{also})")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > MAX_CHARS and not (html or looks_like_html(text)):
        return _fail(name, f"longer than {MAX_CHARS:,} characters; split it into articles")
    return text  # a page's markup does not count: its article text is checked once extracted


def read_header(text: str) -> dict[str, str]:
    """Metadata the file carries at its top: a ` date 2025-03-03 ` prefix, or YAML-style front
    matter (`publisher:`, `published:`/`date:`, `title:`, `url:`)."""
    meta: dict[str, str] = {}
    text = text.removeprefix(_BOM)  # kept in the text (offsets match read_text()), not a header
    m = _FRONT_MATTER.match(text)
    if m:
        for line in m.group(1).splitlines():
            if ":" in line:
                key, _, value = line.partition(":")
                key, value = key.strip().lower(), value.strip().strip("\"'")
                if key in ("publisher", "source", "outlet"):
                    meta["publisher"] = value
                elif key in ("published", "date"):
                    meta["published"] = value
                elif key in ("title", "url"):
                    meta[key] = value
        return meta
    m = _HEADER_DATE.match(text)
    if m:
        meta["published"] = m.group(1)
    return meta


def dated_line(text: str) -> dt.date | None:
    """The date of a "Published on: Mar. 3, 2024" or "Updated 4 Jun, 2024" line near the top:
    the publication date a saved page or a pasted article carries in its text."""
    from factcheck.dates import full_date

    for m in _DATED_LINE.finditer(text[:_LEAD]):
        date = full_date(m.group(1))
        if date is not None:
            return date
    return None


_LEAD = 2000
"""How far into a text its credit and dated lines may sit."""


def credited_publisher(text: str) -> str | None:
    """A credit in the text: "(THE TIMES OF ISRAEL)", "(Reuters) -", "CNN —", "By … | AFP",
    "Source: Xinhua" near the top, or a closing "Reuters" line."""
    text = text.removeprefix(_BOM)
    head = text[:_LEAD]
    m = _CREDIT.search(head)
    if m:
        credit = m.group(1).strip()
        if credit.lower() in _AGENCIES:
            return _AGENCIES[credit.lower()]  # "(AFP)" is AFP, not "Afp"; "(AP)" is known too
        if sum(c.isalpha() for c in credit) >= 3 and credit.split()[0].isupper():
            return _title_case(credit)
    m = _DASH_CREDIT.search(head)
    if m:
        credit = m.group(1).strip()
        return _AGENCIES.get(credit.lower(), credit)
    # a byline's or source line's name may be a writer's desk or a ministry: agencies only
    for pattern in (_BYLINE_CREDIT, _SOURCE_LINE, _LEAD_CREDIT):
        for m in pattern.finditer(head):
            if m.group(1).strip().lower() in _AGENCIES:
                return _AGENCIES[m.group(1).strip().lower()]
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if lines:
        last = lines[-1].strip(" .()-–—")
        key = last.lower()
        if key in _AGENCIES:
            return _AGENCIES[key]
    return None


def guess_title(text: str) -> str | None:
    """The first line when it reads like a headline (short, no final full stop)."""
    body = _FRONT_MATTER.sub("", text.removeprefix(_BOM), count=1)
    body = _HEADER_DATE.sub("", body, count=1)
    first = body.strip().split("\n", 1)[0].strip()
    if first and len(first.split()) <= 16 and not first.endswith((".", "”", '"')):
        return first
    return None


# --- helpers -------------------------------------------------------------------------------


def _lookup(rows: dict[str, ManifestRow], source: Source) -> ManifestRow | None:
    if source.path is None:
        return None
    return rows.get(source.path.name) or rows.get(source.name) or rows.get(source.path.as_posix())


def _read_bytes(source: Source) -> bytes:
    try:
        if source.path is None:
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            if source.path.stat().st_size > MAX_BYTES:
                _fail(
                    source.name, f"larger than {MAX_BYTES // 1_000_000} MB; split it into articles"
                )
            with source.path.open("rb") as f:
                data = f.read(MAX_BYTES + 1)
    except InputError:
        raise
    except IsADirectoryError:
        _fail(source.name, "is a folder")
    except PermissionError:
        _fail(source.name, "permission denied")
    except OSError as exc:
        _fail(source.name, exc.strerror or str(exc))
    if len(data) > MAX_BYTES:
        _fail(source.name, f"larger than {MAX_BYTES // 1_000_000} MB; split it into articles")
    return data


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


def _fail(name: str, problem: str):  # type: ignore[no-untyped-def]
    raise InputError(name, problem)


def _title_case(s: str) -> str:
    words = s.lower().split()
    return " ".join(
        w if (i and w in _SMALL_WORDS) else w[:1].upper() + w[1:] for i, w in enumerate(words)
    )

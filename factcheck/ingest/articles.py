"""Paths and stdin → articles with their text and provenance (publisher, date, where each came from).

The first step of the flow and the only one that touches user files, so every way a file can be
bad ends here as an `InputError` naming the file; the caller reports it and goes on. Text is
decoded as UTF-8 with newlines normalised exactly as `Path.read_text()` does, so claim offsets
match what a user's script reads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from factcheck.dates import publication_date
from factcheck.errors import InputError
from factcheck.ingest.credits import credited_publisher, dated_line, guess_title, read_header
from factcheck.ingest.decode import (
    MAX_BYTES,
    MAX_CHARS,
    decode_text,
    looks_like_html,
    recode,
    refuse,
)
from factcheck.ingest.exports import ExportFields, ExportRow, is_export, iter_export
from factcheck.ingest.manifest import MANIFEST_NAME, ManifestRow, read_manifest
from factcheck.ingest.pages import html_article
from factcheck.models import Article

SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
"""What a folder is read for; .json and .csv files are read only when named (a folder's .csv is
usually its manifest)."""


HTML_SUFFIXES = (".html", ".htm")


T = TypeVar("T")


@dataclass(frozen=True)
class Source:
    """One input as the user named it: a file path, or "-" for standard input."""

    name: str
    path: Path | None


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
        refuse(row.name, f"longer than {MAX_CHARS:,} characters; split it into articles")

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


def _html_named(source: Source) -> bool:
    return source.path is not None and source.path.suffix.lower() in HTML_SUFFIXES


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
                refuse(
                    source.name, f"larger than {MAX_BYTES // 1_000_000} MB; split it into articles"
                )
            with source.path.open("rb") as f:
                data = f.read(MAX_BYTES + 1)
    except InputError:
        raise
    except IsADirectoryError:
        refuse(source.name, "is a folder")
    except PermissionError:
        refuse(source.name, "permission denied")
    except OSError as exc:
        refuse(source.name, exc.strerror or str(exc))
    if len(data) > MAX_BYTES:
        refuse(source.name, f"larger than {MAX_BYTES // 1_000_000} MB; split it into articles")
    return data

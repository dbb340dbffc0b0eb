"""The manifest beside a folder (`sources.csv`: `file,publisher,published,url`), the strongest
source of an article's publisher and date after the command line. A bad row is an error naming
its row, and the other rows still count.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from factcheck.dates import publication_date
from factcheck.errors import ManifestError
from factcheck.ingest.decode import MAX_BYTES

MANIFEST_NAME = "sources.csv"


@dataclass(frozen=True)
class ManifestRow:
    publisher: str | None
    published: dt.date | None
    url: str | None
    story: str | None = None
    """An optional `story` column: the user's own story label, which clustering never overrides."""


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

"""The extract run end to end: what a re-run costs when only metadata changed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import sys
from factcheck._entry import main
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in ("spacy", "datasketch", "scipy", "sklearn") if m in sys.modules)
print("HEAVY " + ",".join(heavy), file=sys.stderr)
"""


def _extract(folder: Path, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", PROBE, "extract", str(folder), "--db", str(db)],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip


@pytest.mark.issue(29)
def test_issue_29_a_manifest_correction_redates_stored_drafts_without_spacy(tmp_path) -> None:
    """A corrected manifest re-dates stored drafts: no parse, so neither spaCy nor the copy
    signature's scipy is imported (they were half the cost of the first run)."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Floods killed 12 people in Valencia on Monday, officials said.\n", encoding="utf-8"
    )
    (folder / "sources.csv").write_text(
        "file,publisher,published,url\na.txt,Outlet A,2024-10-29,\n", encoding="utf-8"
    )
    db = tmp_path / "s.db"
    first = _extract(folder, db)
    assert "HEAVY " in first.stderr and "spacy" in first.stderr.split("HEAVY ")[1]
    (folder / "sources.csv").write_text(
        "file,publisher,published,url\na.txt,Outlet A,2024-10-30,\n", encoding="utf-8"
    )
    again = _extract(folder, db)
    assert "1 metadata updated" in again.stderr
    assert again.stderr.rstrip().endswith("HEAVY"), again.stderr
    claims = subprocess.run(
        [sys.executable, "-m", "factcheck", "claims", "--db", str(db), "-f", "json"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    [claim] = json.loads(claims.stdout)
    assert (claim["value"], claim["published"], claim["as_of"]) == (12, "2024-10-30", "2024-10-28")


@pytest.mark.issue(29)
def test_issue_29_the_dask_driver_parses_nothing_so_imports_no_spacy(tmp_path) -> None:
    """With `--engine dask` the workers parse; the process that reads inputs and writes the
    store never loads spaCy (it took claim drafts from the module that imported it)."""
    pytest.importorskip("distributed")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Floods killed 12 people in Valencia.\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, "extract", str(folder), "--db", str(tmp_path / "s.db"),
         "--engine", "dask", "--jobs", "1"],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    assert "1 new" in proc.stderr
    assert "spacy" not in proc.stderr.split("HEAVY ")[1], proc.stderr

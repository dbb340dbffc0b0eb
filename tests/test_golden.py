"""The seeds through the CLI, compared byte for byte with tests/golden/.

Regenerate only on purpose: `pytest tests/test_golden.py --update-golden`, then read the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("golden") / "seeds.db"
    return db


def run(args, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return result.stdout


def check(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing; run pytest --update-golden"
    assert text == path.read_text(encoding="utf-8")


def test_seeds_claims_jsonl(seeded_db, monkeypatch, update_golden):
    out = run(
        ["extract", "seeds", "--db", str(seeded_db), "--format", "jsonl", "--quiet"], monkeypatch
    )
    check("claims.jsonl", out, update_golden)
    for line in out.splitlines():
        claim = json.loads(line)
        text = (ROOT / claim["article"]).read_text(encoding="utf-8")
        assert text[claim["start"] : claim["end"]] == claim["text"]


@pytest.mark.parametrize(
    ("fmt", "name"), [("json", "conflicts.json"), ("markdown", "conflicts.md")]
)
def test_seeds_conflicts(seeded_db, monkeypatch, update_golden, fmt, name):
    run(["extract", "seeds", "--db", str(seeded_db), "--quiet"], monkeypatch)
    out = run(["conflicts", "--db", str(seeded_db), "--format", fmt], monkeypatch)
    check(name, out, update_golden)


def test_readme_shows_the_real_table(seeded_db, monkeypatch):
    """The README's pasted conflicts table is the one the seeds produce (kept honest, cog-style)."""
    run(["extract", "seeds", "--db", str(seeded_db), "--quiet"], monkeypatch)
    out = run(["conflicts", "--db", str(seeded_db), "--format", "markdown"], monkeypatch)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("<!-- conflicts-md:start -->") + len("<!-- conflicts-md:start -->")
    end = readme.index("<!-- conflicts-md:end -->")
    assert readme[start:end].strip() == out.strip()


@pytest.mark.parametrize(("width", "name"), [(100, "conflicts-100.txt"), (80, "conflicts-80.txt")])
def test_seeds_conflicts_table_wide_and_narrow(seeded_db, monkeypatch, update_golden, width, name):
    """The table at 100 columns; below that one block per group (at 80 the table took 225
    lines for 6 groups)."""
    run(["extract", "seeds", "--db", str(seeded_db), "--quiet"], monkeypatch)
    monkeypatch.setenv("COLUMNS", str(width))
    out = run(["conflicts", "--db", str(seeded_db)], monkeypatch)
    check(name, out, update_golden)
    assert max(len(line) for line in out.splitlines()) <= width
    if width < 100:
        assert len(out.splitlines()) < 60 and "┃" not in out

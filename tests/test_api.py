"""api.py and the README's Python examples: every example in the README runs as written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _readme_examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Using it from Python or spaCy", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_the_readme_has_python_examples():
    assert len(_readme_examples()) >= 4


@pytest.mark.parametrize("k", range(4))
def test_readme_example_runs(k, tmp_path, monkeypatch):
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    monkeypatch.chdir(tmp_path)
    exec(compile(_readme_examples()[k], f"README example {k + 1}", "exec"), {})


def test_extract_takes_texts_and_paths_and_names_a_bad_input(tmp_path):
    import factcheck

    good = tmp_path / "good.txt"
    good.write_text("Floods killed 12 people on Monday, officials said.\n")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    claims = factcheck.extract([good, "A second text: 30 people were injured."])
    assert sorted(c.metric for c in claims) == ["killed", "wounded"]
    with pytest.raises(factcheck.InputError, match=r"bad\.txt"):
        list(factcheck.extract([good, bad]))


def test_schema_prints_each_contract_model():
    from typer.testing import CliRunner

    from factcheck.cli import app

    runner = CliRunner()
    for model, field in (("claim", "qualifier"), ("group", "verdict"), ("story", "label")):
        result = runner.invoke(app, ["schema", model])
        assert result.exit_code == 0
        assert field in json.loads(result.stdout)["properties"]
    assert runner.invoke(app, ["schema", "nope"]).exit_code == 2


@pytest.mark.issue(29)
def test_issue_29_extract_returns_the_claims_the_cli_prints_for_the_same_run(tmp_path):
    """One answer to "the claims of this run": a text two outlets printed is stored once, and a
    run over one outlet's file returns that outlet's claims, in the CLI and the library alike
    (the library also returned the other outlet's)."""
    from typer.testing import CliRunner

    import factcheck
    from factcheck.cli import app

    text = "Floods killed 12 people in Valencia on Tuesday, officials said.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    (tmp_path / "sources.csv").write_text(
        "file,publisher,published,url\na.txt,Outlet A,2024-10-30,\nb.txt,Outlet B,2024-10-31,\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    both = list(factcheck.extract([tmp_path], db=db))
    assert {c.publisher for c in both} == {"Outlet A", "Outlet B"}
    mine = list(factcheck.extract([tmp_path / "a.txt"], db=db))
    assert [(c.article, c.publisher, c.value) for c in mine] == [(str(tmp_path / "a.txt"), "Outlet A", 12)]
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "--db", str(db), "-f", "json", "-q"])
    printed = json.loads(result.stdout)
    assert [(c["article"], c["publisher"], c["value"]) for c in printed] == [
        (c.article, c.publisher, c.value) for c in mine
    ]

"""bench.py: the corpora are really different articles, and the command runs end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from factcheck.bench import build_corpus, source_texts, varied_copy

ROOT = Path(__file__).resolve().parent.parent


def test_varied_copies_differ_but_keep_the_lede_and_every_paragraph():
    text = "Headline\n\nLede paragraph.\n\nOne.\n\nTwo.\n\nThree.\n\nFour."
    copies = [varied_copy(text, i) for i in range(6)]
    assert len(set(copies)) == 6
    for c in copies:
        assert c.startswith("Headline\n\nLede paragraph.\n\n")
        assert sorted(c.split("\n\n")[2:6]) == ["Four.", "One.", "Three.", "Two."]


def test_corpus_cycles_through_the_sources(tmp_path):
    texts = source_texts([ROOT / "seeds"])
    assert len(texts) == 5
    folder = build_corpus(texts, 12, tmp_path / "c")
    files = sorted(folder.glob("*.txt"))
    assert len(files) == 12
    assert len({f.read_text() for f in files}) == 12


def test_bench_command_prints_every_case_as_json(tmp_path):
    args = ["--articles", "3", "--repeat", "1", "--jobs", "1", "--memory", "", "--claims", ""]
    args += ["--stories", "400"]
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "bench", str(ROOT / "seeds"), *args, "-f", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    names = [c["name"] for c in data["cases"]]
    assert names == [
        "spaCy nlp.pipe", "extract --jobs 1", "extract again (nothing new)", "stories"
    ]  # fmt: skip
    assert "B-cubed P" in data["cases"][-1]["note"]
    assert all(c["median"] > 0 for c in data["cases"])
    assert data["differences_from_full_parse"] == []
    assert data["machine"]["cores"]

"""measure/bench.py: the corpora are really different articles, and the command runs end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from factcheck.choices import OutputFormat
from factcheck.measure.bench import (
    Case,
    Report,
    build_corpus,
    source_texts,
    speedup,
    timed,
    varied_copy,
)
from factcheck.render.tables import render_bench

ROOT = Path(__file__).resolve().parents[2]


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
    assert names[0].startswith("spaCy nlp.pipe (batch ")
    assert names[1:] == ["extract --jobs 1", "extract again (nothing new)", "stories"]
    # the yardstick is bare spaCy at its best batch size, and the note shows every one tried
    assert data["cases"][0]["note"].startswith("best of batch 16: ")
    assert "B-cubed P" in data["cases"][-1]["note"]
    assert all(c["median"] > 0 for c in data["cases"])
    assert data["differences_from_full_parse"] == []
    assert data["machine"]["cores"]


def test_speedup_reads_right_both_ways():
    assert speedup(10.0, 5.0, "spaCy") == (2.0, "× faster than spaCy")
    ratio, label = speedup(5.0, 10.0, "--jobs 1")
    assert (ratio, label) == (2.0, "× slower than --jobs 1")


def test_no_check_does_not_claim_identical_claims():
    from io import StringIO

    from rich.console import Console

    report = Report({"cores": "2"}, [Case("x", "1 article", [1.0])], [], checked=False)
    out = StringIO()
    render_bench(report, OutputFormat.table, Console(file=out, width=120))
    assert "identical" not in out.getvalue()
    assert "not compared with the full parse" in out.getvalue()


def test_timed_peak_counts_a_command_and_its_workers_together() -> None:
    """A parent and its worker each holding 200 MB at once peak at 400 MB, not 200; the worker
    is started, and waited for, by another thread, as some pools do (Linux lists a child under
    the thread that started it)."""
    code = (
        "import subprocess, sys, threading, time\n"
        "worker = 'held = bytes(1) * 200_000_000; import time; time.sleep(0.8)'\n"
        "run = lambda: subprocess.Popen([sys.executable, '-c', worker]).wait()\n"
        "thread = threading.Thread(target=run)\n"
        "thread.start()\n"
        "held = b'x' * 200_000_000\n"
        "thread.join()\n"
    )
    seconds, peak_mb = timed([sys.executable, "-c", code])
    assert seconds >= 0.8
    assert peak_mb >= 2 * 190, peak_mb

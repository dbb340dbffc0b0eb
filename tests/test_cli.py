"""cli.py: data on stdout, one line per problem on stderr, exit codes 0/1/2.

Most tests drive `app` through CliRunner (stdout and stderr apart); the last-resort error handling
lives in `main()`, so those tests run `python -m factcheck` in a subprocess. The seeds are
extracted once per module into one store and reused, since each new extraction loads spaCy.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.models import Verdict
from tests._stderr import without_date_note

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
BAD = Path(__file__).parent / "data" / "bad"
CONTRACT_FIELDS = {
    "article",
    "article_id",
    "publisher",
    "published",
    "text",
    "start",
    "end",
    "sentence",
    "value",
    "value_high",
    "qualifier",
    "metric",
    "counted",
    "subject",
    "attribution",
    "as_of",
}
QUALIFIERS = {"exact", "approximate", "at_least", "more_than", "at_most", "less_than", "range"}
GROUP_FIELDS = {
    "metric", "subject", "verdict", "claims", "values", "spread", "explanation", "story", "best",
    "sources",
}  # fmt: skip

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def run_main(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`python -m factcheck ...` as a user runs it: through `main()` and its error handling."""
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """The seeds extracted once: (db, parsed JSONL claims, the run's stderr)."""
    db = tmp_path_factory.mktemp("seeded") / "seeds.db"
    result = run("extract", SEEDS, "--db", db, "-f", "jsonl")
    assert result.exit_code == 0, result.stderr
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    return db, claims, result.stderr


def test_help():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("extract", "claims", "conflicts", "eval"):
        assert command in result.stdout


def test_help_via_python_m():
    proc = run_main("--help")
    assert proc.returncode == 0
    assert "extract" in proc.stdout
    assert proc.stderr == ""


def test_help_loads_neither_the_models_nor_the_library():
    """Startup is typer's, not ours: `--help` imports no pydantic, spaCy, store or renderer
    (what it costs is measured by `python -X importtime`, not timed here)."""
    code = (
        "import sys, runpy; sys.argv = ['factcheck', '--help']\n"
        "try:\n    runpy.run_module('factcheck', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "heavy = ('pydantic', 'spacy', 'factcheck.models', 'factcheck.store', 'factcheck.render',"
        " 'typer.rich_utils')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "[]"
    assert "Commands:" in proc.stdout


def test_the_package_still_gives_its_models_on_first_use():
    import factcheck

    assert factcheck.Claim.model_fields["value"] is not None
    assert factcheck.Verdict.CONTRADICTION.severity > factcheck.Verdict.AGREE.severity


def test_extract_jsonl_is_one_contract_object_per_line(seeded):
    _, claims, stderr = seeded
    assert claims, "the seeds hold claims"
    assert {Path(c["article"]).name[:3] for c in claims} == {"000", "001", "002", "003", "004"}
    texts = {}
    for c in claims:
        assert set(c) >= CONTRACT_FIELDS, c
        assert c["qualifier"] in QUALIFIERS
        assert c["metric"]
        if c["article"] not in texts:
            texts[c["article"]] = Path(c["article"]).read_text(encoding="utf-8")
        assert texts[c["article"]][c["start"] : c["end"]] == c["text"], c
    assert stderr.splitlines() == [f"5 new, 0 already stored, 0 failed; {len(claims)} claims"]


def test_extract_publisher_and_date_come_from_sources_csv(seeded):
    _, claims, _ = seeded
    by_file = {Path(c["article"]).name[:3]: c for c in claims}
    assert (by_file["001"]["publisher"], by_file["001"]["published"]) == (
        "Daily Sabah",
        "2025-03-09",
    )
    assert by_file["000"]["published"] == "2025-03-03"


def test_second_run_prints_the_same_claims_from_the_store(seeded):
    db, claims, _ = seeded
    result = run("extract", SEEDS, "--db", db, "-f", "jsonl")
    assert result.exit_code == 0
    assert [json.loads(line) for line in result.stdout.splitlines()] == claims
    assert result.stderr.splitlines() == [
        f"0 new, 5 already stored, 0 failed; {len(claims)} claims"
    ]


def test_quiet_prints_no_summary(seeded):
    db, claims, _ = seeded
    result = run("extract", SEEDS, "--db", db, "-f", "jsonl", "-q")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == len(claims)


def test_bad_inputs_are_one_line_each_and_the_good_ones_are_stored(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text(
        "The Health Ministry said 48,453 people had been killed in Gaza.\n", encoding="utf-8"
    )
    for name in ("empty.txt", "binary.txt", "latin1.txt", "crlf.txt"):
        (tmp_path / name).write_bytes((BAD / name).read_bytes())
    db = tmp_path / "mixed.db"
    result = run(
        "extract",
        "good.txt",
        "empty.txt",
        "binary.txt",
        "latin1.txt",
        "missing.txt",
        "crlf.txt",
        "--db",
        db,
        "-f",
        "jsonl",
    )
    assert result.exit_code == 1
    lines = without_date_note(result.stderr)
    assert sorted(lines[:-1]) == [
        "factcheck: binary.txt: binary file, not text",
        "factcheck: empty.txt: empty file",
        "factcheck: latin1.txt: not UTF-8 (byte 0xe9 at offset 3; looks like Windows-1252: --encoding windows-1252 reads it)",
        "factcheck: missing.txt: no such file or folder",
    ]
    assert lines[-1].startswith("2 new, 0 already stored, 4 failed; ")
    printed = {json.loads(line)["article"] for line in result.stdout.splitlines()}
    assert printed == {"good.txt", "crlf.txt"}

    stored = run("claims", "--db", db, "-f", "json")
    assert stored.exit_code == 0
    assert {c["article"] for c in json.loads(stored.stdout)} == {"good.txt", "crlf.txt"}


def test_published_that_is_not_a_date_is_a_usage_error(tmp_path):
    db = tmp_path / "x.db"
    seed = SEEDS / "000_780887546aa480dc.txt"
    result = run("extract", seed, "--published", "notadate", "--db", db)
    assert result.exit_code == 2
    assert "--published" in result.stderr
    assert "notadate" in result.stderr
    assert result.stdout == ""
    assert not db.exists()


@pytest.mark.issue(29)
@pytest.mark.parametrize(("written", "ok"), [("20250204", True), ("2025-W06-2", False)])
def test_issue_29_published_reads_dates_as_a_manifest_does(tmp_path, written, ok):
    """--published takes what a manifest takes (one parser): the compact form, not a week date
    (`date.fromisoformat` read both)."""
    result = run("extract", SEEDS / "000_780887546aa480dc.txt", "--published", written,
                 "--db", tmp_path / "x.db", "-q")  # fmt: skip
    assert result.exit_code == (0 if ok else 2), result.stderr
    assert (written in result.stderr) != ok


def test_publisher_with_several_inputs_is_a_usage_error(tmp_path):
    result = run("extract", SEEDS, BAD, "--publisher", "Reuters", "--db", tmp_path / "x.db")
    assert result.exit_code == 2
    assert "--publisher" in result.stderr


def test_claims_metric_filter(seeded):
    db, claims, _ = seeded
    result = run("claims", "--db", db, "--metric", "killed", "-f", "json")
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert found
    assert {c["metric"] for c in found} == {"killed"}
    key = lambda c: (c["article"], c["start"], c["end"])  # noqa: E731
    assert sorted(map(key, found)) == sorted(key(c) for c in claims if c["metric"] == "killed")


def test_claims_with_an_sql_ish_filter_prints_an_empty_list(seeded):
    db, _, _ = seeded
    result = run("claims", "--db", db, "--metric", "x' OR 1=1 --", "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_conflicts_json(seeded):
    db, _, _ = seeded
    result = run("conflicts", SEEDS, "--db", db, "-f", "json")
    assert result.exit_code == 0, result.stderr
    groups = json.loads(result.stdout)
    assert isinstance(groups, list)
    assert groups, "the seeds disagree on several figures"
    for g in groups:
        assert set(g) >= GROUP_FIELDS
        assert g["verdict"] != "agree"  # agree groups only with --all
        assert {c["metric"] for c in g["claims"]} == {g["metric"]}


@pytest.mark.parametrize("fail_on", ["contradiction", "update", "agree"])
def test_fail_on_exit_code_matches_the_groups_printed(seeded, fail_on):
    db, _, _ = seeded
    result = run("conflicts", "--db", db, "-f", "json", "--fail-on", fail_on)
    groups = json.loads(result.stdout)
    threshold = Verdict(fail_on).severity
    expected = 1 if any(Verdict(g["verdict"]).severity >= threshold for g in groups) else 0
    assert result.exit_code == expected
    # an exit 1 says why, on stderr
    assert (f"exit 1 (--fail-on {fail_on}):" in result.stderr) == (expected == 1)


def test_a_filter_that_matches_nothing_says_so_and_suggests(seeded):
    db, _, _ = seeded
    result = run("claims", "--db", db, "--metric", "kiled")
    assert result.exit_code == 0
    assert "no claims with metric 'kiled'; did you mean 'killed'?" in result.stderr
    assert "no article" in run("claims", "--db", db, "--article", "nowhere.txt").stderr
    assert "did you mean" in run("conflicts", "--db", db, "--metric", "kiled").stderr
    assert run("claims", "--db", db, "--metric", "kiled", "-q").stderr == ""


def test_an_article_prefix_that_names_several_says_how_many(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(17):  # 17 ids: two share a first hex digit
        (folder / f"a{n}.txt").write_text(f"Floods killed {n + 2} people in town {n}.\n")
    db = tmp_path / "s.db"
    assert run("extract", folder, "--db", db, "-q").exit_code == 0
    ids = [c["article_id"] for c in json.loads(run("claims", "--db", db, "-f", "json").stdout)]
    shared = next(i[0] for i in ids if sum(j[0] == i[0] for j in set(ids)) > 1)
    matched = sum(j[0] == shared for j in set(ids))
    note = run("claims", "--db", db, "--article", shared).stderr
    assert f"--article '{shared}' matches {matched} articles" in note


def test_eval_quiet_can_be_turned_off(seeded, tmp_path):
    result = run(
        "eval", ROOT / "data/gold/seeds.jsonl", SEEDS, "--db", tmp_path / "e.db", "--no-quiet"
    )
    assert result.exit_code == 0
    assert "already stored" in result.stderr  # the extract summary a quiet run hides


# These run in tmp_path with short relative names.


def test_a_missing_path_is_one_stderr_line_and_no_traceback(tmp_path):
    proc = run_main("extract", "nonexistent", "--db", "x.db", "-q", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == ["factcheck: nonexistent: no such file or folder"]
    assert "Traceback" not in proc.stderr + proc.stdout


def test_a_text_file_as_db_is_refused_in_one_line_and_untouched(tmp_path):
    db = tmp_path / "notes.db"
    db.write_text("these are my notes\n", encoding="utf-8")
    before = db.read_bytes()
    proc = run_main("extract", SEEDS / "000_780887546aa480dc.txt", "--db", "notes.db", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "factcheck: notes.db: not a factcheck store (not an SQLite file); not touched"
    ]
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_reading_a_missing_store_is_one_line_and_creates_nothing(tmp_path):
    proc = run_main("claims", "--db", "none.db", cwd=tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "factcheck: none.db: no such store (run `factcheck extract` first)"
    ]
    assert list(tmp_path.iterdir()) == []


def test_a_long_error_is_still_one_line(tmp_path):
    folder = tmp_path / ("long-folder-name-" * 4)
    folder.mkdir()
    db = folder / "notes.db"
    db.write_text("these are my notes\n", encoding="utf-8")
    proc = run_main("extract", SEEDS / "000_780887546aa480dc.txt", "--db", db)
    assert proc.returncode == 1
    # longer than COLUMNS (100): the stderr console must not wrap it
    assert proc.stderr.splitlines() == [
        f"factcheck: {db}: not a factcheck store (not an SQLite file); not touched"
    ]


def test_two_jobs_store_the_same_claims_as_one(tmp_path):
    """More articles than one worker task holds, so the workers (forked on Linux) do parse."""
    from factcheck.engines.local import WORKER_CHUNK
    from factcheck.measure.bench import varied_copy

    folder = tmp_path / "in"
    folder.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(WORKER_CHUNK + 8):
        text = varied_copy(seeds[i % len(seeds)].read_text(encoding="utf-8"), i)
        (folder / f"a{i:02d}.txt").write_text(text, encoding="utf-8")
    out = {}
    for jobs in ("1", "2"):
        result = run_main(
            "extract", folder, "--db", tmp_path / f"{jobs}.db", "--jobs", jobs, "-f", "jsonl", "-q"
        )
        assert result.returncode == 0, result.stderr
        out[jobs] = [json.loads(line) for line in result.stdout.splitlines()]
    assert out["2"] == out["1"] and len(out["1"]) > 100


def test_jobs_default_to_the_cores_available():
    from factcheck.engines.local import available_cores

    assert 1 <= available_cores() <= (os.cpu_count() or 1)
    assert "the cores" in " ".join(run("extract", "--help").output.split())


def test_jobs_must_be_positive(tmp_path):
    result = run("extract", SEEDS, "--db", tmp_path / "x.db", "--jobs", "0")
    assert result.exit_code == 2
    assert not (tmp_path / "x.db").exists()


def test_a_web_page_on_stdin_is_read_as_html(tmp_path):
    page = (Path(__file__).parent / "data" / "html" / "ledger_floods.html").read_text()
    db = tmp_path / "s.db"
    result = runner.invoke(app, ["extract", "-", "--db", str(db), "-q"], input=page)
    assert result.exit_code == 0, result.output
    out = run("claims", "--db", db, "--format", "json")
    claims = json.loads(out.stdout)
    assert {c["publisher"] for c in claims} == {"The Daily Ledger"}
    assert {c["published"] for c in claims} == {"2024-03-03"}
    assert not any(c["text"] == "100" for c in claims)  # the comment section's figure


def test_an_export_is_an_article_a_row_and_a_bad_row_fails_the_run_alone(tmp_path):
    export = tmp_path / "news.jsonl"
    export.write_text(
        json.dumps({"url": "https://x.example/1", "source": "X Post", "date": "2024-03-03",
                    "text": "Floods killed 40 people on Sunday."}) + "\n"
        + "not json\n"
        + json.dumps({"body": "Floods killed 41 people on Monday.", "publisher": "Y Times"}) + "\n"
    )  # fmt: skip
    db = tmp_path / "e.db"
    result = run("extract", export, "--db", db)
    assert result.exit_code == 1
    assert result.stderr.count("factcheck: ") == 1 and f"{export.as_posix()}#2: not JSON" in result.stderr
    assert "2 new, 0 already stored, 1 failed" in result.stderr
    claims = json.loads(run("claims", "--db", db, "--format", "json").stdout)
    assert sorted((c["article"], c["publisher"], c["value"]) for c in claims) == [
        (f"{export.as_posix()}#3", "Y Times", 41),
        ("https://x.example/1", "X Post", 40),
    ]


def test_past_its_article_limit_the_summary_shows_totals_by_metric_unless_verbose(
    tmp_path, monkeypatch
):
    from factcheck import run as extract_run

    monkeypatch.setattr(extract_run, "SUMMARY_ARTICLES", 2)
    export = tmp_path / "rows.jsonl"
    export.write_text(
        "".join(
            json.dumps({"text": f"Floods killed {n} people and injured {n + 9} in district {n}."})
            + "\n"
            for n in (3, 4, 5)
        )
    )
    result = run("extract", export, "--db", tmp_path / "s.db")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Extracted claims from 3 articles" in text
    assert "│ killed │ 3 │ 3 │" in text and "│ wounded │ 3 │ 3 │" in text
    assert "#1" not in result.stdout  # no row an article
    assert "3 new, 0 already stored, 0 failed; 6 claims" in result.stderr
    verbose = run("extract", export, "--db", tmp_path / "s.db", "--verbose")
    assert verbose.stdout.count(" stored ") == 3  # a row an article, each stored by now


def test_the_summary_table_stops_at_its_row_limit_and_says_how_many_more(tmp_path, monkeypatch):
    from factcheck import run as extract_run

    monkeypatch.setattr(extract_run, "SUMMARY_ROWS", 2)
    export = tmp_path / "rows.jsonl"
    export.write_text(
        "".join(json.dumps({"text": f"Floods killed {n} people in district {n}."}) + "\n" for n in (3, 4, 5))
    )
    result = run("extract", export, "--db", tmp_path / "s.db")
    assert result.exit_code == 0, result.output
    assert "… and 1 more articles" in result.stdout
    assert "3 new, 0 already stored, 0 failed; 3 claims" in result.stderr


def test_a_corrected_manifest_updates_metadata_and_redates_claims_without_a_parse(
    tmp_path, monkeypatch
):
    from factcheck.engines import local

    (tmp_path / "a.txt").write_text("The floods killed 40 people on Sunday, officials said.\n")
    (tmp_path / "b.txt").write_text("The floods killed 52 people, the agency said.\n")
    manifest = tmp_path / "sources.csv"
    manifest.write_text("file,publisher,published,url\na.txt,Wrong Post,2024-03-01,\n")
    db = tmp_path / "s.db"
    assert run("extract", tmp_path, "--db", db).exit_code == 0
    manifest.write_text("file,publisher,published,url\na.txt,Right Post,2024-03-04,\n")

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(local, "parse_here", no_parse)
    result = run("extract", tmp_path, "--db", db)
    assert result.exit_code == 0, result.output
    assert "0 new, 1 metadata updated, 1 already stored, 0 failed" in result.stderr
    [claim] = [c for c in json.loads(run("claims", "--db", db, "--format", "json").stdout) if c["value"] == 40]
    assert (claim["publisher"], claim["published"], claim["as_of"]) == (
        "Right Post", "2024-03-04", "2024-03-03",  # "on Sunday" before 4 March 2024
    )
    again = run("extract", tmp_path, "--db", db)
    assert "0 new, 1" not in again.stderr and "2 already stored" in again.stderr


def test_identical_copies_count_the_claims_the_store_holds(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = "Floods killed 12 people and injured 30 others in the valley on Monday.\n"
    for n in range(20):
        (folder / f"copy{n:02d}.txt").write_text(text)
    db = tmp_path / "s.db"
    result = run("extract", folder, "--db", db)
    assert result.exit_code == 0
    held = len(json.loads(run("claims", "--db", db, "-f", "json").stdout))
    assert held == 2
    assert (
        "1 new, 19 already stored (19 repeat a text given under another name), 0 failed; "
        f"{held} claims" in result.stderr
    )


def test_the_progress_total_is_known_before_parsing_unless_an_export_streams(tmp_path):
    from factcheck.run import run_extract
    from factcheck.store import Store

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"a{n}.txt").write_text(f"Floods killed {n + 2} people in town {n}.\n")
    totals: list[int] = []
    with Store(tmp_path / "s.db") as store:
        reports = run_extract([str(folder), str(tmp_path / "missing.txt")], store,
                              on_total=totals.append)  # fmt: skip
        assert totals == [len(reports)] == [4]
        export = tmp_path / "rows.jsonl"
        export.write_text('{"text": "Floods killed 9 people."}\n')
        totals.clear()
        run_extract([str(export)], store, on_total=totals.append)
        assert totals == []  # rows are counted as they stream


def test_output_formats_read_the_store_once_not_once_an_article(seeded, monkeypatch):
    """A re-run's --format csv/json over many stored articles took one store read per article
    (21.5 s for 2,000 against 2.1 s now); the run's claims come back in input order."""
    from factcheck.store import Store

    db, claims, _ = seeded
    calls = []
    real = Store.claims
    monkeypatch.setattr(Store, "claims", lambda self, **kw: calls.append(kw) or real(self, **kw))
    result = run("extract", SEEDS, "--db", db, "-f", "jsonl")
    assert result.exit_code == 0
    assert len(calls) == 1
    again = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(c["article"], c["start"]) for c in again] == [(c["article"], c["start"]) for c in claims]


def test_encoding_reads_a_windows_1252_file_the_hint_names(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Floods killed 12 people \u201cin one night\u201d, officials said.\n".encode("cp1252"))
    refused = run("extract", path, "--db", tmp_path / "s.db")
    assert refused.exit_code == 1 and "--encoding windows-1252 reads it" in refused.stderr
    result = run("extract", path, "--db", tmp_path / "s.db", "--encoding", "windows-1252", "-f", "json")
    assert result.exit_code == 0
    [claim] = json.loads(result.stdout)
    assert claim["text"] == "12" and "\u201cin one night\u201d" in claim["sentence"]
    bad = run("extract", path, "--db", tmp_path / "t.db", "--encoding", "klingon")
    assert bad.exit_code == 1 and "unknown encoding 'klingon'" in bad.stderr


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_streamed_claims_are_byte_for_byte_what_render_claims_writes(seeded, fmt):
    import io

    from rich.console import Console

    from factcheck.choices import OutputFormat
    from factcheck.render.tables import render_claims, stream_claims
    from factcheck.store import Store

    db, _, _ = seeded
    with Store(db, readonly=True) as store:
        claims = list(store.claims())
    for subset in (claims, claims[:1], []):
        whole, streamed = io.StringIO(), io.StringIO()
        render_claims(subset, OutputFormat(fmt), Console(file=whole))
        stream_claims(iter(subset), OutputFormat(fmt), Console(file=streamed))
        assert streamed.getvalue() == whole.getvalue()


def test_extract_says_which_articles_have_no_date(tmp_path):
    # a fact-checker whose pages carry no date learns it at once, with what would settle it
    (tmp_path / "dated.txt").write_text(
        "Mine fire kills 9\nPublished: 2024-03-02\n\nNine miners died in the fire.\n", "utf-8"
    )
    (tmp_path / "bare.txt").write_text("Mine fire kills 11\n\nEleven miners died.\n", "utf-8")
    result = run("extract", str(tmp_path / "dated.txt"), str(tmp_path / "bare.txt"),
                 "--db", str(tmp_path / "s.db"), "-f", "jsonl")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    summary, note = result.stderr.splitlines()
    assert summary.startswith("2 new, 0 already stored, 0 failed")
    assert note.startswith(f"1 of 2 articles have no date ({tmp_path / 'bare.txt'})")
    assert "--manifest" in note and "'Published: <date>'" in note

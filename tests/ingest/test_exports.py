"""News exports: one article a row, streamed, bad rows reported in place."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.dates import publication_date
from factcheck.errors import InputError
from factcheck.ingest import exports
from factcheck.ingest.exports import ExportFields, ExportRow, iter_export


def rows_of(path, fields=None):
    return list(iter_export(path, fields or ExportFields()))


def test_common_field_names_are_found(tmp_path):
    path = tmp_path / "gdelt.jsonl"
    row = {
        "URL": "https://x.example/a",
        "Title": "Storm",
        "seendate": "20240303T081500Z",
        "domain": "x.example",
        "content": "The storm killed 9 people.",
    }
    path.write_text(json.dumps(row) + "\n")
    [got] = rows_of(path)
    assert got == ExportRow(
        name="https://x.example/a",
        text="The storm killed 9 people.",
        title="Storm",
        url="https://x.example/a",
        published=dt.date(2024, 3, 3),
        publisher="x.example",
    )


def test_fields_the_user_names_come_first(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps({"story": "Nine died.", "text": "boilerplate", "when": "2024-05-01"}))
    [got] = rows_of(path, ExportFields().named(text="story", date="when"))
    assert (got.text, got.published, got.name) == ("Nine died.", dt.date(2024, 5, 1), f"{path.as_posix()}#1")


def test_bad_rows_are_errors_in_place_and_good_rows_still_come(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"text": "Four died."}),
                "[1, 2]",
                json.dumps({"title": "no text"}),
                "",
                json.dumps({"text": "Six died."}),
                '{"text": "cut',
            ]
        )
    )
    got = rows_of(path)
    kinds = [(type(r).__name__, getattr(r, "text", None) or getattr(r, "problem", "")) for r in got]
    assert kinds[0] == ("ExportRow", "Four died.")
    assert kinds[1][0] == "InputError" and "not an object" in kinds[1][1]
    assert kinds[2][0] == "InputError" and "no text field" in kinds[2][1]
    assert kinds[3] == ("ExportRow", "Six died.")
    assert kinds[4][0] == "InputError" and "cut off at the end" in kinds[4][1]
    assert [r.path for r in got if isinstance(r, InputError)] == [
        f"{path.as_posix()}#{n}" for n in (2, 3, 6)
    ]


def test_an_oversized_row_is_skipped_without_being_held(tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "MAX_ROW_BYTES", 1000)
    monkeypatch.setattr(exports, "_CHUNK", 64)
    path = tmp_path / "big.jsonl"
    path.write_text(
        json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "Two died."}) + "\n"
    )
    got = rows_of(path)
    assert isinstance(got[0], InputError) and "larger than" in got[0].problem
    assert got[1].text == "Two died."


def test_a_json_array_is_read_one_object_at_a_time(tmp_path, monkeypatch):
    monkeypatch.setattr(exports, "_CHUNK", 7)  # rows straddle every read
    path = tmp_path / "arr.json"
    items = [{"text": f"{n} people died in the flood “{n}”."} for n in range(1, 40)]
    path.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    got = rows_of(path)
    assert [r.text for r in got] == [i["text"] for i in items]


@pytest.mark.parametrize(
    ("body", "problem"),
    [('{"text": "not an array"}', "array of objects"), ('[{"text": "a"}, {"text": ', "not JSON")],
)
def test_a_json_export_that_is_not_a_whole_array_is_one_error(tmp_path, body, problem):
    path = tmp_path / "bad.json"
    path.write_text(body)
    got = rows_of(path)
    assert isinstance(got[-1], InputError) and problem in got[-1].problem


def test_a_csv_export_reads_its_header(tmp_path):
    path = tmp_path / "rows.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["publisher", "date", "body", "extra"])
        w.writerow(["Post", "2024-03-06", "The quake killed 30 people.", "x"])
        w.writerow(["", "", "More than 35 have died.", ""])
    first, second = rows_of(path)
    assert (first.publisher, first.published, first.text) == ("Post", dt.date(2024, 3, 6), "The quake killed 30 people.")
    assert (second.publisher, second.published, second.name) == (None, None, f"{path.as_posix()}#2")


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2024-03-03", dt.date(2024, 3, 3)),
        ("2024-03-03T08:15:00+02:00", dt.date(2024, 3, 3)),
        ("20240303T081500Z", dt.date(2024, 3, 3)),
        ("20240303", dt.date(2024, 3, 3)),
        ("March 3", None),
        ("2024-13-40", None),
        (None, None),
    ],
)
def test_export_dates(value, date):
    assert publication_date(value) == date


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80).filter(
    lambda s: s.strip()
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.fixed_dictionaries({"text": _text}, optional={"title": _text, "date": _text}),
            st.integers(),
            st.lists(st.integers(), max_size=3),
            st.dictionaries(st.sampled_from(["a", "b"]), _text, max_size=2),
        ),
        max_size=12,
    )
)
def test_every_export_row_is_an_article_or_one_error_in_its_place(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("prop") / "rows.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    got = rows_of(path)
    assert len(got) == len(rows)
    for number, (row, out) in enumerate(zip(rows, got, strict=True), 1):
        if isinstance(row, dict) and "text" in row:
            assert isinstance(out, ExportRow) and out.text == row["text"].strip()
        else:
            assert isinstance(out, InputError) and out.path.endswith(f"#{number}")


def test_a_row_nested_too_deeply_is_one_error_and_the_next_row_comes(tmp_path):
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 200_000 + "\n" + json.dumps({"text": "Two died."}) + "\n")
    got = rows_of(path)
    assert isinstance(got[0], InputError) and "nested too deeply" in got[0].problem
    assert got[1].text == "Two died."
    arr = tmp_path / "deep.json"
    arr.write_text('[{"text": "One died."}, ' + "[" * 200_000)
    got = rows_of(arr)
    assert got[0].text == "One died." and isinstance(got[-1], InputError)


def test_a_bad_byte_in_a_csv_row_stays_in_that_row(tmp_path):
    path = tmp_path / "b.csv"
    path.write_bytes(b"text,url\nSix died.,u1\n\xff\xfe,u2\nTwo died.,u3\n")
    got = rows_of(path)
    assert [r.text for r in got if isinstance(r, ExportRow)] == ["Six died.", "\ufffd\ufffd", "Two died."]


def test_an_rss_date_is_read():
    assert publication_date("Sun, 03 Mar 2024 08:15:00 GMT") == dt.date(2024, 3, 3)

"""ingest/articles.py: decoding, headers, credits, manifests and path expansion.

Bad inputs live in tests/data/bad/, one file per defect, so a failure names the defect.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from factcheck.errors import InputError, ManifestError
from factcheck.ingest.articles import Source, expand_paths, iter_articles, load_article
from factcheck.ingest.credits import credited_publisher, read_header
from factcheck.ingest.decode import MAX_BYTES, MAX_CHARS, decode_text
from factcheck.ingest.manifest import ManifestRow, read_manifest

BAD = Path(__file__).parents[1] / "data" / "bad"
SEEDS = Path(__file__).parents[2] / "seeds"


def _source(path: Path) -> Source:
    return Source(path.as_posix(), path)


# --- decoding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("empty.txt", "empty file"),
        ("blank.txt", "empty file"),
        ("binary.txt", "binary file, not text"),
        ("latin1.txt", "not UTF-8 (byte 0xe9 at offset 3; looks like Windows-1252: --encoding windows-1252 reads it)"),
    ],
)
def test_bad_input_is_an_input_error_naming_the_file_and_problem(name, problem):
    path = BAD / name
    with pytest.raises(InputError) as info:
        load_article(_source(path))
    assert info.value.path == path.as_posix()
    assert info.value.problem == problem
    assert str(info.value) == f"{path.as_posix()}: {problem}"


def test_a_bom_alone_is_an_empty_file():
    with pytest.raises(InputError, match="empty file"):
        decode_text("x.txt", b"\xef\xbb\xbf\r\n")


def test_crlf_is_normalised_exactly_as_read_text():
    path = BAD / "crlf.txt"
    assert b"\r\n" in path.read_bytes()
    loaded = load_article(_source(path))
    assert loaded.text == path.read_text(encoding="utf-8")
    assert "\r" not in loaded.text
    assert loaded.article.article_id == hashlib.sha256(loaded.text.encode()).hexdigest()


def test_lone_cr_is_normalised_like_read_text(tmp_path):
    path = tmp_path / "cr.txt"
    path.write_bytes(b"one\rtwo\r\nthree\n")
    assert decode_text("cr.txt", path.read_bytes()) == path.read_text(encoding="utf-8")


def test_bom_is_kept_like_read_text_but_does_not_hide_the_header():
    path = BAD / "bom.txt"
    loaded = load_article(_source(path))
    assert loaded.text == path.read_text(encoding="utf-8")
    assert loaded.article.published == dt.date(2025, 3, 3)
    assert loaded.article.published_source == "header"


def test_bom_does_not_hide_front_matter_or_a_credit():
    text = "\ufeff---\npublisher: Al-Monitor\ndate: 2025-01-02\n---\nBody 12 people.\n"
    assert read_header(text) == {"publisher": "Al-Monitor", "published": "2025-01-02"}
    assert credited_publisher("\ufeff(THE TIMES OF ISRAEL) Witkoff said 59 hostages") == (
        "The Times of Israel"
    )


def test_same_text_is_the_same_article_whatever_its_line_endings(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(b"Officials said 40 were killed.\n")
    b.write_bytes(b"Officials said 40 were killed.\r\n")
    ids = {load_article(_source(p)).article.article_id for p in (a, b)}
    assert len(ids) == 1


# --- headers and credits -------------------------------------------------------------------


def test_header_date_prefix():
    assert read_header(" date 2025-03-03 US President Donald Trump's envoy") == {
        "published": "2025-03-03"
    }


def test_header_date_prefix_gives_published_from_header(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text(" date 2025-03-03 Officials said 40 people were killed.\n", encoding="utf-8")
    art = load_article(_source(path)).article
    assert (art.published, art.published_source) == (dt.date(2025, 3, 3), "header")


def test_front_matter(tmp_path):
    path = tmp_path / "fm.md"
    path.write_text(
        '---\npublisher: Al Jazeera\npublished: 2025-02-01T10:00\ntitle: "Toll rises"\n---\n'
        "Officials said 40 people were killed.\n",
        encoding="utf-8",
    )
    art = load_article(_source(path)).article
    assert (art.publisher, art.publisher_source) == ("Al Jazeera", "header")
    assert (art.published, art.published_source) == (dt.date(2025, 2, 1), "header")
    assert art.title == "Toll rises"


def test_unreadable_header_date_is_ignored_not_fatal(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("---\npublished: 2025-13-45\n---\nBody.\n", encoding="utf-8")
    art = load_article(_source(path)).article
    assert (art.published, art.published_source) == (None, "none")


@pytest.mark.parametrize(
    ("text", "publisher"),
    [
        ("Gaza\n\n(THE TIMES OF ISRAEL) US envoy Steve Witkoff said", "The Times of Israel"),
        ("JERUSALEM (AFP) - Hamas said 59 hostages remain.", "AFP"),
        ("GAZA CITY (REUTERS) - Hamas said", "Reuters"),
        ("Hamas said talks had started.\n\nReuters", "Reuters"),
        ("Hamas said talks had started.\nAssociated Press.\n", "Associated Press"),
        ("Hamas said talks had started.", None),
        # a capitalised abbreviation inside a sentence is a mention, not a credit
        ("Haneen al-Dura told Agence France-Presse (AFP) she slept outside.", None),
        ("Officials at the (WHO) said 12 hospitals work.", None),
    ],
)
def test_credited_publisher(text, publisher):
    assert credited_publisher(text) == publisher


def test_credit_in_text_gives_publisher_from_text(tmp_path):
    path = tmp_path / "toi.txt"
    path.write_text("(THE TIMES OF ISRAEL) Witkoff said 59 hostages remain.\n", encoding="utf-8")
    art = load_article(_source(path)).article
    assert (art.publisher, art.publisher_source) == ("The Times of Israel", "text")


def test_unknown_publisher_is_the_file_name(tmp_path):
    path = tmp_path / "sub" / "story.txt"
    path.parent.mkdir()
    path.write_text("Officials said 40 people were killed.\n", encoding="utf-8")
    art = load_article(_source(path)).article
    assert (art.publisher, art.publisher_source) == ("story.txt", "filename")
    assert (art.published, art.published_source) == (None, "none")
    assert art.article == path.as_posix()


# --- precedence: cli > manifest > header > text --------------------------------------------


@pytest.fixture
def credited_with_header(tmp_path) -> Source:
    path = tmp_path / "a.txt"
    path.write_text(
        "---\npublisher: Header News\ndate: 2025-01-01\n---\n"
        "(THE TIMES OF ISRAEL) Officials said 40 people were killed.\n",
        encoding="utf-8",
    )
    return _source(path)


def test_cli_beats_manifest(credited_with_header):
    row = ManifestRow("Manifest News", dt.date(2025, 2, 2), None)
    art = load_article(
        credited_with_header, manifest=row, publisher="Cli News", published=dt.date(2025, 3, 3)
    ).article
    assert (art.publisher, art.publisher_source) == ("Cli News", "cli")
    assert (art.published, art.published_source) == (dt.date(2025, 3, 3), "cli")


def test_manifest_beats_header(credited_with_header):
    row = ManifestRow("Manifest News", dt.date(2025, 2, 2), "https://example.org/a")
    art = load_article(credited_with_header, manifest=row).article
    assert (art.publisher, art.publisher_source) == ("Manifest News", "manifest")
    assert (art.published, art.published_source) == (dt.date(2025, 2, 2), "manifest")
    assert art.url == "https://example.org/a"


def test_empty_manifest_fields_fall_through_to_header(credited_with_header):
    art = load_article(credited_with_header, manifest=ManifestRow(None, None, None)).article
    assert (art.publisher, art.publisher_source) == ("Header News", "header")
    assert (art.published, art.published_source) == (dt.date(2025, 1, 1), "header")


def test_header_beats_text(credited_with_header):
    art = load_article(credited_with_header).article
    assert (art.publisher, art.publisher_source) == ("Header News", "header")


# --- manifests -----------------------------------------------------------------------------


def test_manifest_missing_column_is_one_error_without_a_row():
    path = BAD / "manifest-missing-column.csv"
    rows, errors = read_manifest(path)
    assert rows == {}
    assert len(errors) == 1
    assert isinstance(errors[0], ManifestError)
    assert errors[0].row is None
    assert str(errors[0]) == f"{path.as_posix()}: missing column(s): published"


def test_manifest_bad_date_names_the_row_and_other_rows_load():
    path = BAD / "manifest-bad-date.csv"
    rows, errors = read_manifest(path)
    assert set(rows) == {"a.txt", "c.txt"}
    assert rows["c.txt"] == ManifestRow("Xinhua", dt.date(2025, 3, 5), None)
    assert [(e.row, e.problem) for e in errors] == [
        (3, "bad date '4 March 2025' (want YYYY-MM-DD)")
    ]
    assert str(errors[0]).startswith(f"{path.as_posix()}: row 3: ")


def test_manifest_duplicate_row_keeps_the_first():
    rows, errors = read_manifest(BAD / "manifest-duplicate-row.csv")
    assert rows["a.txt"].publisher == "Reuters"
    assert set(rows) == {"a.txt", "b.txt"}
    assert [(e.row, e.problem) for e in errors] == [(4, "duplicate row for 'a.txt'")]


def test_manifest_not_utf8(tmp_path):
    path = tmp_path / "m.csv"
    path.write_bytes(b"file,publisher,published\na.txt,Caf\xe9,\n")
    rows, errors = read_manifest(path)
    assert rows == {}
    assert [str(e) for e in errors] == [
        f"{path.as_posix()}: not UTF-8 (byte 0xe9 at offset {path.read_bytes().index(0xE9)})"
    ]


def test_manifest_with_bom_and_spaced_header(tmp_path):
    path = tmp_path / "m.csv"
    path.write_bytes(b"\xef\xbb\xbffile, publisher ,published\na.txt , Reuters ,2025-02-04\n")
    rows, errors = read_manifest(path)
    assert errors == []
    assert rows == {"a.txt": ManifestRow("Reuters", dt.date(2025, 2, 4), None)}


def test_a_bad_manifest_row_is_reported_and_the_other_articles_still_load(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"{name}: officials said 40 were killed.\n", encoding="utf-8")
    sources, errs = expand_paths([str(tmp_path)])
    assert errs == []
    items = list(iter_articles(sources, manifest_path=BAD / "manifest-bad-date.csv"))
    errors = [i for i in items if isinstance(i, InputError)]
    loaded = {Path(i.article.article).name: i.article for i in items if i not in errors}
    assert [(type(e), e.row) for e in errors] == [(ManifestError, 3)]
    assert set(loaded) == {"a.txt", "b.txt", "c.txt"}
    assert (loaded["a.txt"].publisher, loaded["a.txt"].publisher_source) == ("Reuters", "manifest")
    assert (loaded["c.txt"].published, loaded["c.txt"].published_source) == (
        dt.date(2025, 3, 5),
        "manifest",
    )
    # b.txt's row was refused, so nothing of it applies
    assert (loaded["b.txt"].publisher, loaded["b.txt"].publisher_source) == ("b.txt", "filename")


def test_folder_manifest_is_sources_csv_next_to_the_files(tmp_path):
    (tmp_path / "a.txt").write_text("Officials said 40 were killed.\n", encoding="utf-8")
    (tmp_path / "sources.csv").write_text(
        "file,publisher,published,url\na.txt,Anadolu Agency,2025-02-04,\n", encoding="utf-8"
    )
    sources, _ = expand_paths([str(tmp_path)])
    [art] = [i.article for i in iter_articles(sources)]
    assert (art.publisher, art.published) == ("Anadolu Agency", dt.date(2025, 2, 4))


# --- the seeds -----------------------------------------------------------------------------


def _seed_articles(folder: Path) -> dict[str, object]:
    sources, errors = expand_paths([str(folder)])
    assert errors == []
    items = list(iter_articles(sources))
    assert not [i for i in items if isinstance(i, InputError)]
    return {Path(i.article.article).name[:3]: i.article for i in items}


def test_seeds_take_publisher_and_date_from_their_sources_csv():
    arts = _seed_articles(SEEDS)
    assert sorted(arts) == ["000", "001", "002", "003", "004"]
    a = arts["001"]
    assert (a.publisher, a.published) == ("Daily Sabah", dt.date(2025, 3, 9))
    assert (a.publisher_source, a.published_source) == ("manifest", "manifest")
    assert a.url.startswith("https://www.dailysabah.com/")
    assert (arts["002"].publisher, arts["002"].published) == ("Reuters", dt.date(2025, 2, 4))
    # 000's row has a date but no publisher, and its text credits nobody
    z = arts["000"]
    assert (z.published, z.published_source) == (dt.date(2025, 3, 3), "manifest")
    assert (z.publisher, z.publisher_source) == ("000_780887546aa480dc.txt", "filename")


def test_seeds_without_their_manifest_fall_back_to_header_and_text(tmp_path):
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, tmp_path / f.name)
    arts = _seed_articles(tmp_path)
    assert (arts["000"].published, arts["000"].published_source) == (dt.date(2025, 3, 3), "header")
    assert (arts["002"].publisher, arts["002"].publisher_source) == ("Reuters", "text")
    assert (arts["003"].publisher, arts["003"].publisher_source) == ("The Times of Israel", "text")
    # 001 mentions "(AFP)" mid-article as a source it quotes; that is not its publisher
    assert (arts["001"].publisher, arts["001"].publisher_source) == (
        "001_b5f516e6d859d492.txt",
        "filename",
    )


# --- expand_paths --------------------------------------------------------------------------


def test_expand_paths_sorted_and_stable(tmp_path):
    for name in ("b.txt", "a.md", "sub/c.txt", "z.csv", "A.TXT", "notes.rst"):
        p = tmp_path / name
        p.parent.mkdir(exist_ok=True)
        p.write_text("x 1\n", encoding="utf-8")
    sources, errors = expand_paths([str(tmp_path)])
    assert errors == []
    names = [Path(s.name).relative_to(tmp_path).as_posix() for s in sources]
    assert names == ["A.TXT", "a.md", "b.txt", "sub/c.txt"]
    assert expand_paths([str(tmp_path)])[0] == sources


def test_expand_paths_keeps_given_order_and_drops_repeats(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("x\n", encoding="utf-8")
    b.write_text("y\n", encoding="utf-8")
    sources, errors = expand_paths([str(b), str(a), str(b), "-"])
    assert errors == []
    assert [s.name for s in sources] == [str(b), str(a), "-"]
    assert sources[-1].path is None


def test_expand_paths_missing_path(tmp_path):
    missing = str(tmp_path / "nope.txt")
    sources, errors = expand_paths([missing])
    assert sources == []
    assert [(e.path, e.problem) for e in errors] == [(missing, "no such file or folder")]


def test_expand_paths_folder_without_articles(tmp_path):
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")
    sources, errors = expand_paths([str(tmp_path)])
    assert sources == []
    assert [(e.path, e.problem) for e in errors] == [
        (str(tmp_path), "folder holds no .txt, .md, .html or .jsonl files")
    ]


def test_expand_paths_finds_every_bad_fixture_and_only_articles():
    sources, errors = expand_paths([str(BAD)])
    assert errors == []
    assert [Path(s.name).name for s in sources] == [
        "binary.txt",
        "blank.txt",
        "bom.txt",
        "crlf.txt",
        "empty.txt",
        "latin1.txt",
    ]


def test_iter_articles_yields_errors_in_place_and_goes_on():
    names = ["empty.txt", "crlf.txt", "binary.txt", "bom.txt"]
    sources = [_source(BAD / n) for n in names]
    items = list(iter_articles(sources))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["InputError", "LoadedArticle", "InputError", "LoadedArticle"]


# --- hostile input (issue 5) ---------------------------------------------------------------


@pytest.mark.issue(5)
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=4000),
        st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(
            st.sampled_from(
                [b"\xef\xbb\xbf", b"\r\n", b"\r", b"\x00", b"\xe9", b"caf\xc3\xa9 ", b"12 killed. "]
            ),
            max_size=50,
        ).map(b"".join),
    )
)
def test_any_bytes_load_or_fail_with_an_input_error(tmp_path_factory, data):
    """Whatever a file holds, the loader either returns an article or names the file."""
    path = tmp_path_factory.mktemp("fuzz") / "x.txt"
    path.write_bytes(data)
    try:
        loaded = load_article(_source(path))
    except InputError as exc:
        assert exc.path == path.as_posix()
        assert exc.problem and "\n" not in exc.problem
    else:
        from factcheck.ingest.decode import _BOMS

        codec = next((c for bom, c in _BOMS if data.startswith(bom)), None)
        if codec is None:
            expected = path.read_text(encoding="utf-8")
        else:  # a byte-order mark names its encoding (hypothesis found b"\xfe\xff...")
            raw = data[len(next(b for b, c in _BOMS if c == codec)) :].decode(codec)
            expected = raw.replace("\r\n", "\n").replace("\r", "\n")
        assert loaded.text == expected
        assert "\x00" not in loaded.text


@pytest.mark.issue(5)
def test_a_nul_byte_past_the_first_8k_is_still_binary(tmp_path):
    path = tmp_path / "tail.txt"
    head = b"Officials said 40 people were killed.\n" * 300
    path.write_bytes(head + b"\x00\x01\x02 12 people\n")
    with pytest.raises(InputError) as info:
        load_article(_source(path))
    assert info.value.problem == f"binary file, not text (NUL byte at offset {len(head)})"


@pytest.mark.issue(5)
@pytest.mark.parametrize(
    ("data", "problem"),
    [
        # a latin-1 "é" after correct UTF-8 ones: the offset is the bad byte's, not the character's
        ("Café owners said 12 people were hurt. ".encode() + b"Caf\xe9 40.\n", "0xe9 at offset 42"),
        # Windows-1252 curly quotes pasted into a UTF-8 file
        ("Naïve ".encode() + b"\x93quoted\x94 12 people\n", "0x93 at offset 7"),
    ],
)
def test_mixed_encodings_are_refused_at_the_first_bad_byte(tmp_path, data, problem):
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        load_article(_source(path))
    assert info.value.problem == f"not UTF-8 (byte {problem}{_CP1252_HINT})"


_CP1252_HINT = "; looks like Windows-1252: --encoding windows-1252 reads it"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_text_that_declares_utf16_or_utf32_by_its_bom_is_read(tmp_path, codec):
    """Notepad's "Unicode" is UTF-16 with a BOM: read as text, not refused as binary."""
    text = "Quake toll rises\n\nAt least 31 people were killed, officials said on Monday.\n"
    path = tmp_path / "utf.txt"
    boms = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff",
            "utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"}  # fmt: skip
    path.write_bytes(boms[codec] + text.encode(codec))
    loaded = load_article(_source(path))
    assert loaded.text == text


def test_a_bom_that_lies_is_one_clear_error(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(b"\xff\xfe" + "Floods: 12 dead".encode("utf-16-le") + b"\x00")  # odd length
    with pytest.raises(InputError, match="not valid UTF-16-LE though it starts with its BOM"):
        load_article(_source(path))


@pytest.mark.issue(5)
def test_a_huge_line_loads_and_a_longer_one_is_refused_alone(tmp_path):
    """One 1.2M-character line once stopped a whole run with spaCy's E088, every other input
    unsaved; now it fails alone, with a line a user can act on."""
    ok, long = tmp_path / "ok.txt", tmp_path / "long.txt"
    sentence = "Officials said 40 people were killed. "
    ok.write_text(sentence * (MAX_CHARS // len(sentence)), encoding="utf-8")
    long.write_text(sentence * (MAX_CHARS // len(sentence) + 1), encoding="utf-8")
    assert "\n" not in ok.read_text(encoding="utf-8")
    assert len(load_article(_source(ok)).text) <= MAX_CHARS
    with pytest.raises(InputError) as info:
        load_article(_source(long))
    assert info.value.problem == f"longer than {MAX_CHARS:,} characters; split it into articles"


@pytest.mark.issue(5)
def test_a_50_mb_file_is_refused_by_its_size_without_being_read(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    with path.open("wb") as f:
        f.truncate(50_000_000)  # sparse: 50 MB by stat, nothing on disk

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(InputError) as info:
        load_article(_source(path))
    assert str(info.value) == f"{path.as_posix()}: larger than 20 MB; split it into articles"


@pytest.mark.issue(5)
def test_stdin_is_read_no_further_than_the_limit(monkeypatch):
    asked = []

    class Endless:
        def read(self, n=-1):
            asked.append(n)
            assert n > 0, "stdin read to its end"
            return b"x" * n

    monkeypatch.setattr("sys.stdin", type("Stdin", (), {"buffer": Endless()})())
    with pytest.raises(InputError, match="larger than 20 MB"):
        load_article(Source("-", None))
    assert asked == [MAX_BYTES + 1]


LINES = {
    "GAZA (Reuters) - At least 48,453 people have been killed in Gaza, the Health Ministry said.": {
        "At least 48,453"
    },
    "Hamas freed three hostages on Saturday, and Israel released 369 Palestinian prisoners.": {
        "three",
        "369",
    },
    "About 1,800 prisoners were freed in the first phase.": {"About 1,800"},
    "": set(),
    "Officials said more than 250 hostages were taken.": {"more than 250"},
}


@pytest.mark.issue(5)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(sorted(LINES)), st.sampled_from(["\n", "\r\n", "\r", "\r\n\r\n"])
        ),
        min_size=1,
        max_size=6,
    ),
    st.booleans(),
)
def test_claim_offsets_point_into_read_text_whatever_the_line_endings(
    nlp, tmp_path_factory, lines, bom
):
    """Offsets are into the text as `Path.read_text()` gives it: CR and CRLF read as "\\n"."""
    from factcheck.extraction.drafts import to_claims
    from factcheck.extraction.pipeline import extract_claims

    raw = "".join(text + end for text, end in lines)
    path = tmp_path_factory.mktemp("eol") / "a.txt"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + raw.encode("utf-8"))
    assume(raw.strip())
    loaded = load_article(_source(path))
    [(drafts, _)] = extract_claims(nlp, [(loaded.text, None)])
    claims = to_claims(loaded.article, drafts)
    text = path.read_text(encoding="utf-8")
    for c in claims:
        assert text[c.start : c.end] == c.text, (c.text, c.start, raw)
    assert {c.text for c in claims} == set().union(*(LINES[line] for line, _ in lines))


@pytest.mark.issue(5)
def test_a_bom_does_not_hide_the_first_qualifier(nlp, tmp_path):
    from factcheck.extraction.drafts import to_claims
    from factcheck.extraction.pipeline import extract_claims

    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfAbout 1,800 prisoners were freed in the first phase.\n")
    loaded = load_article(_source(path))
    [(drafts, _)] = extract_claims(nlp, [(loaded.text, None)])
    assert [c.text for c in to_claims(loaded.article, drafts)] == ["About 1,800"]


# --- hostile manifests (issue 5) -----------------------------------------------------------


@pytest.mark.issue(5)
def test_manifest_rows_are_named_by_their_line_despite_blank_lines(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text(
        "file,publisher,published\n\na.txt,Reuters,2025-02-04\n\n\nb.txt,AFP,March 4\n",
        encoding="utf-8",
    )
    rows, errors = read_manifest(path)
    assert set(rows) == {"a.txt"}
    assert [str(e) for e in errors] == [
        f"{path.as_posix()}: row 6: bad date 'March 4' (want YYYY-MM-DD)"
    ]


@pytest.mark.issue(5)
@pytest.mark.parametrize("date", ["2025-W06-1", "2025-035", "2025-02-30", "2025-2-4", " "])
def test_manifest_dates_refuse_week_dates_and_loose_forms(tmp_path, date):
    """`date.fromisoformat` also reads week and ordinal dates; a manifest does not."""
    path = tmp_path / "m.csv"
    path.write_text(f"file,publisher,published\na.txt,Reuters,{date}\n", encoding="utf-8")
    rows, errors = read_manifest(path)
    if date.strip():
        assert rows == {}
        assert [(e.row, e.problem) for e in errors] == [(2, f"bad date {date!r} (want YYYY-MM-DD)")]
    else:
        assert rows == {"a.txt": ManifestRow("Reuters", None, None)}


@pytest.mark.issue(5)
def test_manifest_row_with_an_unquoted_comma_is_named(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text(
        "file,publisher,published,url\n"
        "a.txt,Reuters,2025-02-04,https://example.org/a\n"
        "b.txt,Thomson Reuters, Inc.,2025-02-04,https://example.org/b\n"
        'c.txt,"Thomson Reuters, Inc.",2025-02-05,\n',
        encoding="utf-8",
    )
    rows, errors = read_manifest(path)
    assert set(rows) == {"a.txt", "c.txt"}
    assert rows["c.txt"].publisher == "Thomson Reuters, Inc."
    assert [(e.row, e.problem) for e in errors] == [
        (3, "5 fields but the header names 4 (quote a value that holds a comma)")
    ]


@pytest.mark.issue(5)
def test_manifest_field_past_the_csv_limit_names_the_row_and_keeps_earlier_rows(tmp_path):
    """csv's field size limit used to escape as `_csv.Error` and end the run."""
    path = tmp_path / "m.csv"
    path.write_text(
        f"file,publisher,published\na.txt,Reuters,2025-02-04\nb.txt,{'x' * 200_000},\n",
        encoding="utf-8",
    )
    rows, errors = read_manifest(path)
    assert set(rows) == {"a.txt"}
    [error] = errors
    assert error.row == 3
    assert error.problem.startswith("unreadable CSV (field larger than field limit")


@pytest.mark.issue(5)
def test_a_manifest_of_50_mb_is_refused_unread(tmp_path, monkeypatch):
    path = tmp_path / "m.csv"
    with path.open("wb") as f:
        f.truncate(50_000_000)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the manifest was read"))
    assert [str(e) for e in read_manifest(path)[1]] == [f"{path.as_posix()}: larger than 20 MB"]


@pytest.mark.issue(5)
def test_manifest_duplicate_and_bad_rows_through_iter_articles_name_their_rows(tmp_path):
    (tmp_path / "a.txt").write_text("Officials said 40 were killed.\n", encoding="utf-8")
    (tmp_path / "sources.csv").write_text(
        "file,publisher,published\na.txt,Reuters,2025-02-04\na.txt,AFP,2025-02-05\n"
        "b.txt,AFP,04/02/2025\n,AFP,2025-02-05\n",
        encoding="utf-8",
    )
    sources, _ = expand_paths([str(tmp_path)])
    items = list(iter_articles(sources))
    errors = [str(i) for i in items if isinstance(i, InputError)]
    manifest = (tmp_path / "sources.csv").as_posix()
    assert errors == [
        f"{manifest}: row 3: duplicate row for 'a.txt'",
        f"{manifest}: row 4: bad date '04/02/2025' (want YYYY-MM-DD)",
        f"{manifest}: row 5: empty 'file' column",
    ]
    [art] = [i.article for i in items if not isinstance(i, InputError)]
    assert (art.publisher, art.published) == ("Reuters", dt.date(2025, 2, 4))


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("NAIROBI (Reuters) - Floods killed 40 people.", "Reuters"),
        ("(Reuters) - Floods killed 40 people.", "Reuters"),
        ("CNN — Floods killed 40 people.", "CNN"),
        ("By Ama Mensah | AFP\n\nFloods killed 40 people.", "AFP"),
        ("Floods killed 40 people.\n\nSource: Xinhua", "Xinhua"),
        ("The mayor said (Hamas) held 40 people.", None),
        ("Officials — and the army — said 40 died.", None),
        ("GAZA — Strikes killed 40 people.", None),  # a dateline, not an outlet
        ("The army said it struck (Hamas) — positions overnight.", None),
        ("By Ama Mensah | Staff Writer\n\nFloods killed 40.", None),
        ("Floods killed 40.\n\nSource: Provincial Health Ministry", None),
    ],
)
def test_a_wire_credit_in_the_text_names_the_publisher(text, credit):
    from factcheck.ingest.credits import credited_publisher

    assert credited_publisher(text) == credit


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Published on: Mar. 3, 2024\nFloods killed 40 people.", dt.date(2024, 3, 3)),
        ("Updated 4 Jun, 2024, 10:15 IST\nFloods killed 40.", dt.date(2024, 6, 4)),
        ("Last updated: Monday, June 3, 2024\nFloods killed 40.", dt.date(2024, 6, 3)),
        ("Floods killed 40 people by June 3, 2024.", None),
        # an ISO date, an ordinal day, a byline before it on its line
        ("Gas leak kills 4\nPublished: 2023-11-02\nFour died.", dt.date(2023, 11, 2)),
        ("Gas leak kills 4\nPublished: 02nd November 2023 06:10 AM | Last Updated: 03rd November"
         " 2023\nFour died.", dt.date(2023, 11, 2)),
        ("Gas leak kills 4\nBy PTI | Published: November 2, 2023 08:14 AM\nFour died.",
         dt.date(2023, 11, 2)),
        ("A plant opened on 2023-11-02 and four died there.", None),
    ],
)
def test_a_published_or_updated_line_dates_the_article(text, date):
    from factcheck.ingest.credits import dated_line

    assert dated_line(text) == date


def test_an_article_without_other_metadata_takes_its_dated_line_and_credit(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Published on: Mar. 3, 2024\n\nLAGOS (Reuters) - Floods killed 40 people.\n")
    article = load_article(_source(path)).article
    assert (article.publisher, article.publisher_source) == ("Reuters", "text")
    assert (article.published, article.published_source) == (dt.date(2024, 3, 3), "text")


HTML_PAGE = Path(__file__).parents[1] / "data" / "html" / "ledger_floods.html"
"""A page written for these tests in the shape of a real one: nav, sidebar, comments, footer,
JSON-LD, og:site_name, article:published_time and a canonical link."""


def test_a_saved_page_gives_the_claims_of_its_article_text_with_publisher_and_date(nlp, tmp_path):
    from factcheck.extraction.drafts import to_claims
    from factcheck.extraction.pipeline import extract_claims

    page = load_article(_source(HTML_PAGE))
    assert page.article.publisher == "The Daily Ledger"
    assert (page.article.publisher_source, page.article.published_source) == ("html", "html")
    assert page.article.published == dt.date(2024, 3, 3)
    assert page.article.url == "https://ledger.example.com/world/floods-kill-40"
    assert "Most read" not in page.text and "Reader:" not in page.text  # sidebar, comments
    plain = tmp_path / "same.txt"
    plain.write_text(page.text, encoding="utf-8")
    as_text = load_article(_source(plain))
    parsed = extract_claims(nlp, [(page.text, None), (as_text.text, None)])
    got = []
    for loaded, (drafts, _) in zip((page, as_text), parsed, strict=True):
        claims = to_claims(loaded.article, drafts)
        got.append([(c.text, c.value, c.metric, loaded.text[c.start : c.end]) for c in claims])
    assert got[0] == got[1] and len(got[0]) >= 4
    assert all(text == quoted for text, _, _, quoted in got[0])  # offsets index the page's text


def test_a_page_is_read_as_html_whatever_its_name(tmp_path):
    path = tmp_path / "saved"
    path.write_bytes(HTML_PAGE.read_bytes())
    assert load_article(_source(path)).article.publisher_source == "html"


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("<html><body>" + "<div>" * 100_000 + "</div>" * 100_000 + "</body></html>", "no article text"),
        (
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
            '"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><html><body><p>&lol2;</p>'
            "</body></html>",
            "no article text",
        ),
        ("<!DOCTYPE html><html><head><title>x</title></head><body></body></html>", "no article"),
    ],
)
def test_a_hostile_or_empty_page_is_one_clear_error(tmp_path, body, problem):
    path = tmp_path / "bad.html"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        load_article(_source(path))


def test_a_page_in_the_charset_it_declares_is_read_and_a_lie_is_refused(tmp_path):
    html = HTML_PAGE.read_text(encoding="utf-8").replace('charset="utf-8"', "charset=utf-8")
    latin = html.replace("utf-8", "windows-1252").replace("Floods in", "Floods — in")
    ok = tmp_path / "latin.html"
    ok.write_bytes(latin.encode("cp1252"))
    assert "Floods — in" in load_article(_source(ok)).text
    liar = tmp_path / "liar.html"
    liar.write_bytes(html.replace("Floods in", "Floods — in").encode("cp1252"))
    with pytest.raises(InputError, match=r"not UTF-8.*declares utf-8"):
        load_article(_source(liar))


@pytest.mark.issue(29)
@pytest.mark.parametrize(
    ("written", "day"),
    [("2025-02-04", "2025-02-04"), ("20250204", "2025-02-04"), ("2025-02-04T08:15:00Z", "2025-02-04"),
     ("Tue, 04 Feb 2025 08:15:00 GMT", "2025-02-04"), ("2025-W06-2", None), ("4 Feb 2025", None)],
)  # fmt: skip
def test_issue_29_manifest_header_and_export_read_a_date_alike(tmp_path, written, day):
    """One parser for a publication date: what a manifest accepts, a header and an export
    accept too, and what one refuses the others refuse (a header's bad date is no date)."""
    from factcheck.ingest.exports import ExportFields, iter_export

    expected = dt.date.fromisoformat(day) if day else None
    manifest = tmp_path / "m.csv"
    manifest.write_text(f'file,publisher,published\na.txt,Reuters,"{written}"\n', encoding="utf-8")
    rows, errors = read_manifest(manifest)
    assert (rows["a.txt"].published if rows else None) == expected
    assert bool(errors) == (day is None)
    header = tmp_path / "h.txt"
    header.write_text(f"---\npublished: {written}\n---\nFloods killed 12 people.\n", encoding="utf-8")
    assert load_article(_source(header)).article.published == expected
    export = tmp_path / "e.jsonl"
    export.write_text(json.dumps({"text": "Floods killed 12 people.", "date": written}) + "\n")
    [row] = list(iter_export(export, ExportFields()))
    assert row.published == expected

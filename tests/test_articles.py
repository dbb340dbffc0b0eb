"""articles.py: decoding, headers, credits, manifests and path expansion.

Bad inputs live in tests/data/bad/, one file per defect, so a failure names the defect.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from factcheck.articles import (
    ManifestRow,
    Source,
    credited_publisher,
    decode_text,
    expand_paths,
    iter_articles,
    load_article,
    read_header,
    read_manifest,
)
from factcheck.errors import InputError, ManifestError

BAD = Path(__file__).parent / "data" / "bad"
SEEDS = Path(__file__).parent.parent / "seeds"


def _source(path: Path) -> Source:
    return Source(path.as_posix(), path)


# --- decoding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("empty.txt", "empty file"),
        ("blank.txt", "empty file"),
        ("binary.txt", "binary file, not text"),
        ("latin1.txt", "not UTF-8 (byte 0xe9 at offset 3)"),
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
        (str(tmp_path), "folder holds no .txt or .md files")
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

"""Saved web pages: whether a text is one, and its article text and what the page says of itself
(title, publisher, date, address), read with trafilatura. Boilerplate, menus and comments are
not the article and never reach extraction.
"""

from __future__ import annotations

from factcheck.ingest.decode import MAX_CHARS, refuse


def html_article(name: str, html: str) -> tuple[str, dict[str, str]]:
    """A web page's article text and what the page says of itself (title, publication date,
    site name, canonical URL), with trafilatura: navigation, sidebars, comments and footers
    are not the article. Paragraphs are joined by blank lines, as in a text file, and claim
    offsets index this text."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # lxml and trafilatura raise many kinds on hostile pages
        return refuse(name, f"HTML page that cannot be read ({type(exc).__name__})")
    body = doc.text if doc is not None else ""
    lines = [line.strip() for line in (body or "").split("\n") if line.strip()]
    if not lines:
        return refuse(name, "HTML page with no article text in it")
    if sum(map(len, lines)) > MAX_CHARS:
        return refuse(name, f"article text longer than {MAX_CHARS:,} characters")
    page = {
        "title": doc.title,
        "published": (doc.date or "")[:10],
        "publisher": doc.sitename,
        "url": doc.url,
    }
    return "\n\n".join(lines), {k: v for k, v in page.items() if v}

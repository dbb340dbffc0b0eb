"""Ingest: files, folders, saved pages, exports and manifests → articles with provenance.

The only step that reads user files, so every way an input can be bad ends here as one
`InputError` naming it. `articles` turns paths into articles, settling each one's metadata from
the strongest source that gives it: `manifest`, `pages` (saved web pages), `credits` (what a text
says of itself); `decode` turns bytes into text; `exports` reads CSV/JSONL exports of many
articles.
"""

from factcheck._lazy import lazy_exports

_OFFERS = {
    "LoadedArticle": "factcheck.ingest.articles",
    "expand_paths": "factcheck.ingest.articles",
    "iter_articles": "factcheck.ingest.articles",
    "load_article": "factcheck.ingest.articles",
    "read_manifest": "factcheck.ingest.manifest",
    "html_article": "factcheck.ingest.pages",
    "decode_text": "factcheck.ingest.decode",
    "ExportFields": "factcheck.ingest.exports",
    "is_export": "factcheck.ingest.exports",
    "iter_export": "factcheck.ingest.exports",
}
__all__ = sorted(_OFFERS)
__getattr__ = lazy_exports(__name__, _OFFERS)

"""From a reader's draft to a stored `Article`: clean strings, checks, id, date, outlet and language."""

from __future__ import annotations

from sitrep.config import IngestOptions
from sitrep.ingest.clean import MAX_SOURCE_CHARS, clean_optional, has_letters, safe_url
from sitrep.ingest.dates import Published, date_from_url, within_window
from sitrep.ingest.draft import Draft, SkipInput
from sitrep.ingest.identity import article_id, outlet_from_url
from sitrep.ingest.language import detect_language, normalise_language_tag
from sitrep.records import Article, SkipReason, TimePrecision
from sitrep.textclean import clean_string

# Where each reader's own dates come from, for `Article.published_from`.
DATE_ORIGINS = {"json": "metadata", "jsonl": "metadata", "text": "header", "html": "page", "feed": "feed"}


def finish_article(draft: Draft, options: IngestOptions) -> Article:
    """The article for `draft`; raises `SkipInput` when it is too large or holds no letters.

    Every string is cleaned (lone surrogates, NUL), a URL that does not parse is dropped, and a
    publication date outside the sane window is unknown, then taken from the URL if it has one.
    The outlet is, in order: the document's own metadata, the host of its URL, `--source`.
    The language is the document's own when it declares one, else detected.
    """
    text = clean_string(draft.text).strip()
    _check_text(text, draft.input, options)
    title = clean_optional(draft.title)
    url = safe_url(clean_optional(draft.url))
    declared = normalise_language_tag(clean_optional(draft.language))
    language = declared or detect_language(text, options.languages)
    published = _publication(draft, url)
    source = draft.source or outlet_from_url(url) or options.default_source
    return Article(
        id=article_id(text, title),
        text=text,
        title=title,
        url=url,
        source=clean_optional(source, limit=MAX_SOURCE_CHARS),
        published_at=published.value if published else None,
        published_precision=published.precision if published else None,
        published_from=published.found_in if published else None,
        language=language,
        language_detected=declared is None and language is not None,
        is_summary=draft.is_summary,
        input=clean_string(draft.input),
        format=draft.format,
        fetched_at=draft.fetched_at,
    )


def _check_text(text: str, where: str, options: IngestOptions) -> None:
    size = len(text.encode("utf-8"))
    if size > options.max_text_bytes:
        raise SkipInput(
            SkipReason.TOO_LARGE,
            f"{where}: text of {size:,} bytes is over the limit of {options.max_text_bytes:,}",
        )
    if not has_letters(text):
        raise SkipInput(SkipReason.NO_CONTENT, f"{where}: the text has no letters of any language, "
                                               "so it is not an article")


def _publication(draft: Draft, url: str | None) -> Published | None:
    """The draft's own date when it is believable, else a date in its URL, else None."""
    if draft.published_at is not None:
        own = Published(draft.published_at, draft.published_precision or TimePrecision.DAY,
                        draft.published_from or DATE_ORIGINS.get(draft.format, "metadata"))
        believable = within_window(own, draft.fetched_at)
        if believable is not None:
            return believable
    return date_from_url(url, draft.fetched_at)

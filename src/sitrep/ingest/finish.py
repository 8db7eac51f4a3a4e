"""From a reader's draft to a stored `Article`: size check, id, outlet and language."""

from __future__ import annotations

from sitrep.config import IngestOptions
from sitrep.ingest.draft import Draft, SkipInput
from sitrep.ingest.identity import article_id, outlet_from_url
from sitrep.ingest.language import detect_language, normalise_language_tag
from sitrep.records import Article, SkipReason


def finish_article(draft: Draft, options: IngestOptions) -> Article:
    """The article for `draft`; raises `SkipInput` when its text is over the size limit.

    The outlet is, in order: the document's own metadata, the host of its URL, `--source`.
    The language is the document's own when it declares one, else detected.
    """
    size = len(draft.text.encode("utf-8"))
    if size > options.max_text_bytes:
        raise SkipInput(
            SkipReason.TOO_LARGE,
            f"{draft.input}: text of {size:,} bytes is over the limit of {options.max_text_bytes:,}",
        )
    declared = normalise_language_tag(draft.language)
    language = declared or detect_language(draft.text, options.languages)
    return Article(
        id=article_id(draft.text, draft.title),
        text=draft.text,
        title=draft.title,
        url=draft.url,
        source=draft.source or outlet_from_url(draft.url) or options.default_source,
        published_at=draft.published_at,
        language=language,
        language_detected=declared is None and language is not None,
        is_summary=draft.is_summary,
        input=draft.input,
        format=draft.format,
        fetched_at=draft.fetched_at,
    )

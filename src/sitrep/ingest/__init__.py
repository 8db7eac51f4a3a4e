"""Ingest: inputs (files, folders, stdin, URLs) to `Article` or `Skipped` records.

Never touches NLP or the database. Fetching (network) is apart from parsing, so everything can be
re-run from saved bytes. Bad input becomes a `Skipped` with a reason, never an exception.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from sitrep.config import IngestOptions
from sitrep.ingest.bounds import cap_skips
from sitrep.ingest.draft import Draft, SkipInput, reader_error
from sitrep.ingest.fetch import Fetcher, HttpFetcher
from sitrep.ingest.finish import finish_article
from sitrep.ingest.inputs import iter_inputs
from sitrep.ingest.jsonl import draft_from_record
from sitrep.ingest.read import read_input
from sitrep.records import Article, Skipped

__all__ = ["read_articles", "read_records"]


def read_articles(
    targets: Iterable[str],
    options: IngestOptions,
    *,
    fetcher: Fetcher | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Article | Skipped]:
    """Every article and skip found in `targets`, streamed in input order."""
    if fetcher is None:
        fetcher = HttpFetcher(timeout=options.fetch_timeout, max_bytes=options.max_raw_bytes)
    for item in iter_inputs(targets, fetcher=fetcher, stdin=stdin):
        if isinstance(item, Skipped):
            yield item
            continue
        finished = (_finished(result, options) if isinstance(result, Draft) else result
                    for result in read_input(item, options))
        yield from cap_skips(finished, item.name)


def read_records(records: Sequence[Any], options: IngestOptions, *, input_name: str
                 ) -> Iterator[Article | Skipped]:
    """Articles from JSON objects already parsed (the API's body), the N-th named `input_name[N]`."""
    for number, record in enumerate(records, start=1):
        where = f"{input_name}[{number}]"
        try:
            draft = draft_from_record(record, where)
        except SkipInput as skip:
            yield Skipped(where, skip.reason, skip.detail)
            continue
        except Exception as error:  # noqa: BLE001 - one bad record must never end the request
            yield reader_error(where, error)
            continue
        yield _finished(draft, options)


def _finished(draft: Draft, options: IngestOptions) -> Article | Skipped:
    """The article of `draft`, or its skip: whatever goes wrong stays with this document."""
    try:
        return finish_article(draft, options)
    except SkipInput as skip:
        return Skipped(draft.input, skip.reason, skip.detail)
    except Exception as error:  # noqa: BLE001 - one bad document must never end the run
        return reader_error(draft.input, error)

"""Bytes per stored extraction: the compact document against every record written whole.

    python benchmarks/storage.py [--texts PATH] [--limit 200]

Texts as in `benchmarks/extract.py` (LGL's news articles when `../shared/eval/geoparsing/lgl.xml`
is there, else the example corpus; `--texts` takes LGL-style XML or a folder of reports). The
articles are extracted, stored in a new SQLite database, and the `extractions.data` column is
measured in UTF-8 bytes; the whole encoding (`to_jsonable`, as versions before the compact
documents stored it) is measured on the same extractions. Every stored extraction is read back
and compared with what was written. Target: at most 20 KB per article (issue 16).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract import load_texts  # the sibling benchmark's text loader

TARGET_BYTES = 20_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, help="LGL-style XML or a folder of articles")
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args()

    from sqlalchemy import select

    from sitrep.codec import to_jsonable
    from sitrep.extract.coding import code_events
    from sitrep.extract.pipeline import Extractor
    from sitrep.ingest.identity import article_id
    from sitrep.records import Article
    from sitrep.store import open_store
    from sitrep.store.schema import extractions

    texts = load_texts(args.texts, args.limit)
    articles = [Article(id=article_id(text), text=text, input=f"bench:{n}") for n, text in enumerate(texts)]
    extracted = list(Extractor().pipe(articles))
    whole = [len(json.dumps(to_jsonable(item), ensure_ascii=False).encode()) for item in extracted]
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{folder}/storage.db")
        store.save_batch(articles, [])
        store.save_extractions([(item, code_events(item, article))
                                for item, article in zip(extracted, articles, strict=True)])
        with store.engine.begin() as connection:  # type: ignore[attr-defined]
            stored = [len(row[0].encode()) for row in connection.execute(select(extractions.c.data))]
        started = time.perf_counter()
        same = sum(store.get_extraction(item.article_id) == item for item in extracted)
        read_ms = (time.perf_counter() - started) * 1000 / len(extracted)
        store.close()
    text_bytes = statistics.mean(len(text.encode()) for text in texts)
    print(f"articles: {len(texts)} ({text_bytes:,.0f} bytes of text each, mean)")
    for label, sizes in (("stored (compact):", stored), ("whole records:   ", whole)):
        print(f"{label} {statistics.median(sizes):9,.0f} bytes median, {statistics.mean(sizes):9,.0f} mean, "
              f"{max(sizes):9,} max")
    print(f"compact / whole: {sum(stored) / sum(whole):.2f}; target <= {TARGET_BYTES:,} bytes per article")
    print(f"read back identical: {same} of {len(extracted)} ({read_ms:.2f} ms per get_extraction)")


if __name__ == "__main__":
    main()

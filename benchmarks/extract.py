"""Extraction throughput against bare spaCy on the same texts, and memory with the gazetteer loaded.

    python benchmarks/extract.py [--texts PATH] [--limit 300] [--rounds 3]

Texts: LGL's news articles when `../shared/eval/geoparsing/lgl.xml` is there (real local news,
~1.5 KB each), else the example corpus. Each round times `nlp.pipe` (the bare spaCy pipeline)
and the full `Extractor.pipe` on the same texts in this process; the medians and their ratio are
printed, by wall clock and by the process's CPU time (steadier on a shared machine). Target: full
extraction at least 90% of bare spaCy's articles/s (issue 16), under 1.5 GB per process.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LGL = ROOT.parent / "shared" / "eval" / "geoparsing" / "lgl.xml"
EXAMPLES = ROOT / "examples" / "afghanistan-2021"


def load_texts(path: Path | None, limit: int) -> list[str]:
    """News texts to run on: LGL articles, or the example corpus."""
    source = path or (LGL if LGL.exists() else EXAMPLES)
    if source.suffix == ".xml":
        texts = [node.text or "" for node in ET.parse(source).getroot().iter("text")]
    else:
        from sitrep.config import IngestOptions
        from sitrep.ingest import read_articles
        from sitrep.records import Article

        texts = [a.text for a in read_articles([str(source)], IngestOptions()) if isinstance(a, Article)]
    return [text for text in texts if text.strip()][:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, help="LGL-style XML or a folder of articles")
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from sitrep.extract.pipeline import Extractor
    from sitrep.ingest.identity import article_id
    from sitrep.records import Article

    texts = load_texts(args.texts, args.limit)
    articles = [Article(id=article_id(text), text=text, input=f"bench:{n}") for n, text in enumerate(texts)]
    started = time.perf_counter()
    extractor = Extractor()
    list(extractor.pipe(articles[:2]))  # loads the gazetteer and every lazy table once
    load_seconds = time.perf_counter() - started

    bare, full, bare_cpu, full_cpu = [], [], [], []
    for _ in range(args.rounds):
        started, cpu = time.perf_counter(), time.process_time()
        for _doc in extractor.nlp.pipe(texts, batch_size=64):
            pass
        bare.append(len(texts) / (time.perf_counter() - started))
        bare_cpu.append(len(texts) / (time.process_time() - cpu))
        started, cpu = time.perf_counter(), time.process_time()
        for _extraction in extractor.pipe(articles):
            pass
        full.append(len(texts) / (time.perf_counter() - started))
        full_cpu.append(len(texts) / (time.process_time() - cpu))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    words = sum(len(text.split()) for text in texts)
    print(f"texts: {len(texts)} ({words / len(texts):.0f} words each), rounds: {args.rounds}")
    print(f"start-up (model, gazetteer, tables): {load_seconds:.2f} s")
    for label, rates in (("bare spaCy:     ", bare), ("full extraction:", full)):
        spread = f"{min(rates):.1f}-{max(rates):.1f}"
        print(f"{label} {statistics.median(rates):7.1f} articles/s (median; {spread})")
    ratios = [f / b for f, b in zip(full, bare, strict=True)]
    print(f"full / bare: {statistics.median(ratios):.2f} (median of per-round ratios; target >= 0.90)")
    ratios = [f / b for f, b in zip(full_cpu, bare_cpu, strict=True)]
    print(f"full / bare by CPU time: {statistics.median(ratios):.2f} "
          f"({statistics.median(full_cpu):.1f} against {statistics.median(bare_cpu):.1f} "
          "articles per CPU second)")
    # The first round meets every name and date for the first time; later rounds find them in the
    # per-process caches (gazetteer lookups, dateparser), as a long run over one war's news does.
    print("per round (CPU): " + ", ".join(f"{ratio:.2f}" for ratio in ratios) + " (the first: cold caches)")
    print(f"peak RSS: {peak_mb:.0f} MB (target < 1,500 MB)")


if __name__ == "__main__":
    main()

"""The relevance prefilter's recall on conflict reports and its skip rate on general news.

    python benchmarks/prefilter.py [--eval ../shared/eval] [--extract] [--show N]

Conflict (should be kept, target recall >= 0.98): the syria2024 reports (its distractors, stories
from the same days with no fighting, are counted apart), the example corpus (`examples/`), and the
event sentences of `event-location/labeled_text_dev_realigned.jsonl` (each sentence alone: the
hardest case, a text of one sentence has one or two cue words).
General news (should be set aside, target >= 85%): the LGL and GeoVirus articles. With `--extract`
each of them is also run through the full extraction first (minutes): the skip rate is then given
over the articles that yield no factual event of political violence or unrest (the general news
among them), and the share kept of those that yield one (what the prefilter would lose: mostly
local crime news). Without it the skip rate
is over every article (a lower bound: some LGL local news is about shootings).
Prints the prefilter's speed too (articles/s, one process); `--show N` lists N misses of each kind.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path

from sitrep.config import IngestOptions
from sitrep.evaluation.geoparsing import read_corpus
from sitrep.extract.relevance import RelevanceFilter
from sitrep.ingest import read_articles
from sitrep.records import Article

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
RECALL_TARGET = 0.98
SKIP_TARGET = 0.85
STRATEGIC = "Strategic developments"


def read_folder(folder: Path) -> list[Article]:
    """Every article sitrep reads from `folder`."""
    return [item for item in read_articles([str(folder)], IngestOptions()) if isinstance(item, Article)]


def syria_reports(folder: Path) -> tuple[list[Article], list[Article], list[Article]]:
    """The syria2024 reports split by its gold: the conflict reports, the distractors, and the
    reports that tell at least one gold event."""
    distractors, eventful = set(), set()
    with (folder / "gold_documents.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            document = json.loads(line)
            if document.get("distractor"):
                distractors.add(document["file"])
            if document.get("events"):
                eventful.add(document["file"])
    reports = read_folder(folder / "reports")
    name = {article.id: article.input.split("/reports/")[-1] for article in reports}
    return ([article for article in reports if name[article.id] not in distractors],
            [article for article in reports if name[article.id] in distractors],
            [article for article in reports if name[article.id] in eventful])


def event_sentences(path: Path) -> list[Article]:
    """Each event-location record's sentence, as an article of its own."""
    with path.open(encoding="utf-8") as handle:
        return [Article(id=f"sentence-{number}", text=json.loads(line)["text"], language="en")
                for number, line in enumerate(handle)]


def general_news(folder: Path) -> list[Article]:
    """The LGL and GeoVirus articles."""
    return [Article(id=f"{name}-{number}", text=gold.text, language="en")
            for name in ("lgl.xml", "GeoVirus.xml")
            for number, gold in enumerate(read_corpus(folder / name))]


def with_events(articles: Sequence[Article]) -> set[str]:
    """The ids of `articles` from which the full extraction takes a factual event of political violence
    or unrest (any event type but the strategic developments: statements, visits, agreements...)."""
    from sitrep.extract.pipeline import Extractor

    return {extraction.article_id for extraction in Extractor().pipe(articles)
            if any(event.event_type != STRATEGIC and event.modality.is_factual
                   for event in extraction.events)}


def kept_share(prefilter: RelevanceFilter, articles: Sequence[Article]) -> float:
    """The share of `articles` the prefilter keeps."""
    return sum(1 for article in articles if prefilter(article)) / len(articles) if articles else 0.0


def show_misses(prefilter: RelevanceFilter, label: str, articles: Sequence[Article], keep: bool, count: int
                ) -> None:
    """Print up to `count` of `articles` the prefilter got wrong (kept when `keep` is False, or not)."""
    misses = [article for article in articles if prefilter(article) != keep][:count]
    for article in misses:
        verdict = prefilter.score(article.text, article.language)
        print(f"  {label} {article.id} score {verdict.score:g} {verdict.cues}: {article.text[:140]!r}")


def main() -> None:
    """Print recall on each conflict set, skip rate on general news and the prefilter's speed."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--extract", action="store_true", help="split general news by the full extraction")
    parser.add_argument("--show", type=int, default=0, metavar="N")
    args = parser.parse_args()
    prefilter = RelevanceFilter()
    reports, distractors, eventful = syria_reports(args.eval / "syria2024")
    conflict = {
        "syria2024 reports": reports,
        "  with a gold event": eventful,
        "examples": read_folder(ROOT / "examples"),
        "event-location sentences": event_sentences(
            args.eval / "event-location" / "labeled_text_dev_realigned.jsonl"),
    }
    print(f"{'conflict set':<28} {'texts':>6} {'recall (kept)':>14}")
    for label, articles in conflict.items():
        print(f"{label:<28} {len(articles):>6} {kept_share(prefilter, articles):>14.3f}")
        show_misses(prefilter, "missed", articles, True, args.show)
    print(f"{'syria2024 distractors':<28} {len(distractors):>6} {kept_share(prefilter, distractors):>14.3f}")
    general = general_news(args.eval / "geoparsing")
    print(f"\n{'general news':<28} {'texts':>6} {'set aside':>14}")
    print(f"{'LGL + GeoVirus, all':<28} {len(general):>6} {1 - kept_share(prefilter, general):>14.3f}")
    if args.extract:
        eventful = with_events(general)
        quiet = [article for article in general if article.id not in eventful]
        loud = [article for article in general if article.id in eventful]
        print(f"{'  without an event':<28} {len(quiet):>6} {1 - kept_share(prefilter, quiet):>14.3f}")
        print(f"{'  with an event (kept)':<28} {len(loud):>6} {kept_share(prefilter, loud):>14.3f}")
        show_misses(prefilter, "kept", quiet, False, args.show)
        show_misses(prefilter, "set aside", loud, True, args.show)
    else:
        show_misses(prefilter, "kept", general, False, args.show)
    texts = [*reports, *conflict["examples"], *conflict["event-location sentences"], *general]
    started = time.perf_counter()
    for article in texts:
        prefilter(article)
    rate = len(texts) / (time.perf_counter() - started)
    print(f"\nprefilter speed: {rate:,.0f} texts/s (one process)")
    print(f"targets: recall >= {RECALL_TARGET} on each conflict set, "
          f">= {SKIP_TARGET:.0%} of general news set aside")


if __name__ == "__main__":
    main()

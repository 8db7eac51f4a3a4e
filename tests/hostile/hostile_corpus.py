"""A hostile corpus, generated deterministically from a seed: what a scraped archive can hold.

Every class of input that once ended an ingest run is here (bad encodings, lone surrogates, deep
JSON, malformed URLs, placeholder dates, NUL bytes, long outlet names, compression bombs,
symlinked folders, random bytes, truncations), mixed with good articles. `write_corpus` writes
the files and returns, for each, the name sitrep reports it under and how many records (stored,
duplicate or skipped) it must account for when that number is known.

Shared by `tests/hostile/` and `benchmarks/hostile.py` (a plain module, not a conftest.py).
"""

from __future__ import annotations

import gzip
import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

WORDS = (
    "convoy", "district", "governor", "checkpoint", "militia", "province", "ceasefire", "shelling",
    "council", "refugees", "bridge", "airport", "market", "village", "commander", "negotiators",
    "spokesman", "border", "highway", "garrison", "capital", "residents", "clinic", "river",
)
PLACES = ("Kunduz", "Herat", "Zaranj", "Taloqan", "Faizabad", "Sheberghan", "Ghazni", "Kandahar")
OUTLETS = ("Valley Courier", "Steppe Wire", "Harbor Sentinel", "Ridge Bulletin")


@dataclass(frozen=True, slots=True)
class HostileInput:
    """One generated file: its path, the kind of trouble it holds, and what it must yield."""

    path: Path
    kind: str
    records: int | None  # outcomes it must account for; None: at least one

    @property
    def name(self) -> str:
        """The input name sitrep reports (a file name that is not UTF-8 is shown escaped)."""
        return os.fsencode(self.path).decode("utf-8", "backslashreplace")


def article_text(rng: random.Random, sentences: int = 4) -> str:
    """A made-up report of a few sentences, unique enough not to collide by chance."""
    parts = []
    for _ in range(sentences):
        words = rng.sample(WORDS, 7)
        parts.append(f"In {rng.choice(PLACES)} the {' '.join(words)} met on day {rng.randrange(10**9)}.")
    return " ".join(parts)


def _record(rng: random.Random, **fields: object) -> dict[str, object]:
    record: dict[str, object] = {"title": f"Report {rng.randrange(10**9)}", "text": article_text(rng),
                                 "source": rng.choice(OUTLETS), "published": "2021-08-11"}
    record.update(fields)
    return {key: value for key, value in record.items() if value is not None}


def _json(record: object) -> bytes:
    return json.dumps(record, ensure_ascii=True).encode("utf-8")


Maker = Callable[[random.Random], tuple[str, bytes, int | None]]


def _good_text(rng: random.Random) -> tuple[str, bytes, int | None]:
    return ".txt", f"date 2021-08-{rng.randrange(1, 29):02d}\n{article_text(rng)}\n".encode(), 1


def _good_jsonl(rng: random.Random) -> tuple[str, bytes, int | None]:
    lines = [_json(_record(rng)) for _ in range(rng.randrange(2, 6))]
    return ".jsonl", b"\n\n".join(lines) + b"\n", len(lines)


def _bom_invalid(rng: random.Random) -> tuple[str, bytes, int | None]:
    bom = rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"])
    tail = rng.choice([b"\xff\xfe\xfd\x80\x81", b"\x00\xd8\x41\x00", b"abc", b"\x00\xdc\x00"])
    return rng.choice([".txt", ".json", ".md", ".dat"]), bom + tail, 1


def _odd_utf16(rng: random.Random) -> tuple[str, bytes, int | None]:
    encoded = article_text(rng).encode(rng.choice(["utf-16", "utf-32", "utf-16-be"]))
    return ".txt", encoded[: len(encoded) - rng.randrange(1, 4)], 1


def _surrogate_json(rng: random.Random) -> tuple[str, bytes, int | None]:
    field = rng.choice(["text", "title", "source", "url", "published", "language", "outlet"])
    record = _record(rng)
    record[field] = f"{record.get(field, 'x')}\ud800 tail" if field != "published" else "2021-08-11\ud800"
    line = json.dumps(record, ensure_ascii=True).encode("ascii")
    return rng.choice([".json", ".jsonl"]), line + b"\n", 1


def _deep_json(rng: random.Random) -> tuple[str, bytes, int | None]:
    depth = rng.randrange(1_000, 60_000)
    opener, closer = rng.choice([(b"[", b"]"), (b'{"a":', b"}")])
    return rng.choice([".json", ".jsonl"]), opener * depth + b"1" + closer * depth + b"\n", 1


def _bad_url(rng: random.Random) -> tuple[str, bytes, int | None]:
    url = rng.choice(["http://[::1", "http://[::1]:99999/x", "https://exa mple.org:-1/", "http://\ud800/"])
    return ".json", _json(_record(rng, url=url, source=None)), 1


def _feed_empty_summary(rng: random.Random) -> tuple[str, bytes, int | None]:
    good = f"<item><title>Good</title><guid>g{rng.randrange(10**9)}</guid>" \
           f"<description>{article_text(rng)}</description></item>"
    empty = f"<item><title>Empty</title><guid>e{rng.randrange(10**9)}</guid><description>" \
            f"{rng.choice(['', '<p></p>', '&lt;p&gt;&lt;/p&gt;', '   '])}</description></item>"
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Ridge Bulletin</title>' \
           f"{good}{empty}</channel></rss>"
    return ".rss", feed.encode(), 2


def _bad_dates(rng: random.Random) -> tuple[str, bytes, int | None]:
    published = rng.choice(["0001-01-01", "9999-12-31", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59",
                            "2024-12", "2024", "1899-12-31", "2999-01-01", "0000-00-00", "10000-01-01"])
    if rng.random() < 0.5:
        return ".txt", f"date {published}\n{article_text(rng)}\n".encode(), 1
    return ".json", _json(_record(rng, published=published)), 1


def _url_dated(rng: random.Random) -> tuple[str, bytes, int | None]:
    path = rng.choice(["/2021/08/14/story", "/news/2024-12-05/story", "/a/20241205/b", "/2024/12/x",
                       "/9999/12/31/story", "/0001/01/01/x"])
    return ".txt", f"url: https://ridge.example{path}\n{article_text(rng)}\n".encode(), 1


def _nul_and_long_source(rng: random.Random) -> tuple[str, bytes, int | None]:
    record = _record(rng, source=rng.choice(["S" * rng.randrange(201, 5000), "Steppe\x00Wire"]))
    record["text"] = str(record["text"]).replace(" ", "\x00 ", rng.randrange(0, 3))
    record["title"] = rng.choice(["nul\x00title", "fine"])
    return ".jsonl", _json(record) + b"\n", 1


def _random_bytes(rng: random.Random) -> tuple[str, bytes, int | None]:
    data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000)))
    return rng.choice([".txt", ".json", ".jsonl", ".html", ".rss", ".gz", ".bin", ""]), data, None


def _truncated(rng: random.Random) -> tuple[str, bytes, int | None]:
    suffix, data, _ = rng.choice([_good_text, _good_jsonl, _feed_empty_summary])(rng)
    if rng.random() < 0.5:
        return suffix + ".gz", gzip.compress(data, mtime=0)[: rng.randrange(1, 60)], None
    return suffix, data[: rng.randrange(1, max(2, len(data)))], None


def _no_letters(rng: random.Random) -> tuple[str, bytes, int | None]:
    text = rng.choice(["12345 67890", "... --- !!!", "\u2014\u2014 42 \u2014\u2014", "\U0001f525" * 9])
    return ".txt", text.encode(), 1


MAKERS: tuple[tuple[Maker, float], ...] = (
    (_good_text, 6), (_good_jsonl, 4), (_bom_invalid, 2), (_odd_utf16, 2), (_surrogate_json, 3),
    (_deep_json, 1), (_bad_url, 2), (_feed_empty_summary, 1), (_bad_dates, 3), (_url_dated, 2),
    (_nul_and_long_source, 2), (_random_bytes, 3), (_truncated, 3), (_no_letters, 1),
)


def write_corpus(folder: Path, *, seed: int, size: int, bomb_lines: int = 200_000) -> list[HostileInput]:
    """Write `size` hostile inputs under `folder` and return them; the same seed writes the same files."""
    rng = random.Random(seed)
    makers, weights = zip(*MAKERS, strict=True)
    inputs = _special_inputs(folder, rng, bomb_lines)
    for number in range(size - len(inputs)):
        maker = rng.choices(makers, weights)[0]
        suffix, data, records = maker(rng)
        path = folder / f"d{number % 17:02d}" / f"{number:05d}-{maker.__name__.strip('_')}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        inputs.append(HostileInput(path, maker.__name__.strip("_"), records))
    return inputs


def _special_inputs(folder: Path, rng: random.Random, bomb_lines: int) -> list[HostileInput]:
    """Bombs, a file name that is not UTF-8, and symlinked folders (one of them a loop)."""
    special = folder / "special"
    special.mkdir(parents=True)
    braces = special / "braces.jsonl.gz"
    braces.write_bytes(gzip.compress(b"{}\n" * bomb_lines, 9, mtime=0))
    newlines = special / "newlines.jsonl.gz"
    newlines.write_bytes(gzip.compress(b"\n" * (bomb_lines * 500), 9, mtime=0))
    text_bomb = special / "big.txt.gz"
    text_bomb.write_bytes(gzip.compress(b"a" * (bomb_lines * 200), 9, mtime=0))
    bad_name = Path(os.fsdecode(os.fsencode(special) + b"/caf\xe9-\xff.txt"))
    bad_name.write_bytes(f"date 2021-08-09\n{article_text(rng)}\n".encode())
    linked = folder.parent / f"{folder.name}-linked"
    linked.mkdir(exist_ok=True)
    inside = linked / "linked-report.txt"
    inside.write_bytes(f"date 2021-08-10\n{article_text(rng)}\n".encode())
    (special / "link-to-folder").symlink_to(linked, target_is_directory=True)
    (special / "loop").symlink_to(special, target_is_directory=True)
    return [
        HostileInput(braces, "bomb-braces", bomb_lines), HostileInput(newlines, "bomb-newlines", None),
        HostileInput(text_bomb, "bomb-text", 1), HostileInput(bad_name, "bad-name", 1),
        HostileInput(special / "link-to-folder" / "linked-report.txt", "symlinked-folder", 1),
    ]

"""`claims` and `quotes` listings, tab-separated tables off a terminal, unknown countries (exit 4)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from sitrep.cli import cli
from sitrep.cli.tables import Listing, is_plain, plain_lines, print_listing
from sitrep.ingest.identity import article_id
from sitrep.records import Article, Claim, CodedEvent, Extraction, Modality, Quote
from sitrep.run.fusion import fuse_articles
from sitrep.store import open_store

PROVINCE_TALLY = ("Fighters hold 9 of the 34 provincial capitals, a ministry aide said. "
                  '"We will retake Shibirghān soon," said Yusuf Qaderi.')
OTHER_TALLY = ("Fighters now hold 11 of the 34 provincial capitals, an analyst said. "
               '"We will retake Shibirghān soon," Yusuf Qaderi told reporters.')


def report(text: str, source: str) -> tuple[Article, Extraction, CodedEvent]:
    """An article with one claim (capitals held), one quote and one capture of Shibirghān."""
    article = Article(id=article_id(text, None), text=text, source=source, published_at=date(2021, 8, 9),
                      language="en", input=f"{source}.txt", format="text")
    number = text.index(" of the 34") - 2 if "11" in text else text.index("9 of")
    claim_end = text.index("capitals") + len("capitals")
    value = 11.0 if "11" in text else 9.0
    claim = Claim(article.id, number, claim_end, text[number:claim_end], "test.v1", value,
                  "provincial capitals", "provincial capitals", total=34.0, predicate="hold")
    start = text.index('"')
    end = text.index('"', start + 1) + 1
    quote = Quote(article.id, start, end, text[start:end], "test.v1", "Yusuf Qaderi", "said")
    trigger = text.index("retake")
    coded = CodedEvent(
        article_id=article.id, trigger_start=trigger, trigger_end=trigger + 6, trigger="retake",
        component="test.v1", event_type="Strategic developments",
        sub_event_type="Government regains territory",
        modality=Modality.ASSERTED, confidence=0.6, event_date=date(2021, 8, 8), time_precision=1,
        actor1="Afghan National Army", actor1_type="State forces", actor2=None, actor2_type=None,
        country="Afghanistan", country_code="AF", admin1="Jowzjān", location="Shibirghān", geonameid=920301,
        latitude=36.7, longitude=65.8, geo_precision=1, fatalities=None, source=source, evidence_start=0,
        evidence_end=len(text), notes=text)
    return article, Extraction(article.id, ("test.v1",), claims=(claim,), quotes=(quote,)), coded


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'listings.db'}"
    store = open_store(url)
    items = [report(PROVINCE_TALLY, "Valley Post"), report(OTHER_TALLY, "Radio Ama")]
    store.save_batch([article for article, _, _ in items], [])
    store.save_extractions([(extraction, [coded]) for _, extraction, coded in items])
    fuse_articles(store, [article.id for article, _, _ in items], seat=lambda geonameid: False)
    store.close()
    return url


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_claims_lists_each_sources_value(db: str) -> None:
    code, out, _ = run("claims", "--db", db)
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "# 1 of 1 claim groups"
    assert lines[1].split("\t") == ["group", "days", "verdict", "claim", "values"]
    cells = lines[2].split("\t")
    assert cells[2] == "differ" or cells[2] == "conflict"
    assert "9 (Valley Post)" in cells[4] and "11 (Radio Ama)" in cells[4]
    groups = json.loads(run("claims", "--db", db, "--json")[1])
    assert sorted(value["value"] for value in groups[0]["values"]) == [9.0, 11.0]
    assert run("claims", "--db", db, "--verdict", "agree", "--json")[1].strip() == "[]"


def test_quotes_groups_one_quote_across_outlets(db: str) -> None:
    code, out, _ = run("quotes", "--db", db)
    cells = out.splitlines()[2].split("\t")
    assert code == 0
    assert cells[1:4] == ["Yusuf Qaderi", "2", "Radio Ama, Valley Post"]
    assert json.loads(run("quotes", "--db", db, "--speaker", "yusuf qaderi", "--json")[1])[0]["speaker"] == (
        "Yusuf Qaderi")


def test_piped_tables_are_tab_separated_lines(db: str) -> None:
    control = ["control", "--country", "AF", "--as-of", "2021-08-09"]
    for command in (["events"], ["stories"], ["articles"], control):
        code, out, _ = run(*command, "--db", db)
        assert code == 0
        assert out.startswith("# ")
        header = out.splitlines()[1]
        assert "\t" in header and "│" not in out and "┃" not in out  # no box drawing


def test_a_narrow_terminal_gets_plain_lines_too() -> None:
    narrow = Console(width=60, force_terminal=True)
    wide = Console(width=200, force_terminal=True)
    assert is_plain(narrow, 9) and not is_plain(wide, 9)
    assert is_plain(Console(file=open("/dev/null", "w"), force_terminal=False), 2)  # noqa: SIM115


def test_cells_with_tabs_and_breaks_stay_on_one_line() -> None:
    listing = Listing("t", ("a", "b"), [("one\ttwo", "three\nfour")], notes=("done",))
    assert list(plain_lines(listing)) == ["# t", "a\tb", "one two\tthree four", "done"]


def test_a_wide_terminal_gets_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    console = Console(width=120, force_terminal=True, color_system=None)
    print_listing(Listing("2 places", ("place", "state"), [("Shibirghān", "contested")]), console=console)
    out = capsys.readouterr().out
    assert "Shibirghān" in out and "2 places" in out and "\t" not in out


@pytest.mark.parametrize("command", [["events"], ["control", "--as-of", "2021-08-09"],
                                     ["report", "--as-of", "2021-08-09"]])
def test_an_unknown_country_exits_4_naming_close_matches(db: str, command: list[str]) -> None:
    code, out, err = run(*command, "--db", db, "--country", "Afghanstan")
    assert code == 4
    assert "no country 'Afghanstan'" in err and "did you mean 'Afghanistan'" in err
    assert out == ""


def test_a_known_country_by_name_code_or_accents_is_accepted(db: str) -> None:
    for country in ("Afghanistan", "af", "AFG"):
        code, out, _ = run("events", "--db", db, "--country", country, "--json")
        assert code == 0 and len(json.loads(out)) == 2
    code, out, _ = run("events", "--db", db, "--country", "Iraq", "--json")  # known, nothing stored
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = run("events", "--db", db, "--admin1", "jowzjan", "--json")
    assert code == 0 and len(json.loads(out)) == 2


def test_summary_says_what_was_read_and_found(db: str) -> None:
    code, out, _ = run("summary", "--db", db)
    assert code == 0
    assert ": 2 articles" in out.splitlines()[0]
    assert "found 2 event mentions (2 said to have happened)" in out and "into 1 events" in out
    assert "1 claim groups" in out and "Afghanistan (AF) 1" in out
    counts = json.loads(run("summary", "--db", db, "--json")[1])
    assert (counts["mentions"], counts["events"], counts["factual_events"]) == (2, 1, 1)

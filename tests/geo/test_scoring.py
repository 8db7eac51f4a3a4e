"""The geoparsing scorer's reading and metric functions on tiny synthetic inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.evaluation.geoparsing import (
    GoldArticle,
    GoldToponym,
    _homes_without_self,
    accuracy_within,
    error_auc,
    haversine_km,
    read_corpus,
    realign,
    score,
)
from sitrep.records import GeoEntry, PlaceMention

LGL_XML = """<?xml version="1.0" encoding="utf-8"?>
<articles><article docid="7"><title>t</title><domain>paris-news.example</domain>
<text><![CDATA[Storms hit Paris and Dallas.]]></text>
<toponyms>
<toponym><start>11</start><end>16</end><phrase>Paris</phrase>
<gaztag geonameid="4717560"><name>Paris</name><fclass>P</fclass><fcode>PPL</fcode><lat>33.66</lat>
<lon>-95.55</lon><country geonameid="6252001">United States</country>
<admin1 geonameid="1">Texas</admin1></gaztag>
</toponym>
<toponym><start>21</start><end>27</end><phrase>Dallas</phrase></toponym>
</toponyms></article></articles>
"""

GEOVIRUS_XML = """<articles><article><source>https://en.wikinews.org/wiki/Cases</source>
<text>Cases rose in Kabul.</text><locations>
<location><name>Kabul</name><start>15</start><end>20</end><lat>34.53</lat><lon>69.17</lon><page>p</page></location>
</locations></article></articles>
"""


def entry(latitude: float, longitude: float, geonameid: int = 1, admin1: str = "Texas") -> GeoEntry:
    """A gazetteer entry at a point."""
    return GeoEntry(geonameid, "X", latitude, longitude, "US", "United States", "TX", admin1)


def mention(start: int, end: int, found: GeoEntry | None) -> PlaceMention:
    """A predicted place mention."""
    return PlaceMention("a", start, end, "x", "test", found)


def test_haversine_matches_known_distances() -> None:
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.01)
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.6, abs=1)
    assert haversine_km(10, 10, 10, 10) == 0


def test_accuracy_counts_missing_predictions_as_wrong() -> None:
    assert accuracy_within([0.0, 160.9, 161.1, None]) == 0.5
    assert accuracy_within([]) == 0.0


def test_auc_is_zero_when_perfect_and_one_when_all_missing() -> None:
    assert error_auc([0.0, 0.0, 0.0]) == 0.0
    assert error_auc([None, None]) == pytest.approx(1.0)
    assert 0 < error_auc([0.0, 100.0, None]) < 1


def test_realign_moves_an_off_by_one_span() -> None:
    assert realign("Cases rose in Kabul.", 15, 20, "Kabul") == (14, 19)
    assert realign("Cases rose in Kabul.", 14, 19, "Kabul") == (14, 19)
    assert realign("no such name here", 3, 8, "Kabul") == (3, 8)


def test_read_lgl_keeps_toponyms_with_coordinates(tmp_path: Path) -> None:
    (tmp_path / "lgl.xml").write_text(LGL_XML, encoding="utf-8")
    [article] = read_corpus(tmp_path / "lgl.xml")
    [paris] = article.toponyms
    assert (article.id, paris.name, paris.geonameid, paris.admin1) == ("7", "Paris", 4717560, "Texas")
    assert article.text[paris.start : paris.end] == "Paris"


def test_read_geovirus_realigns_offsets(tmp_path: Path) -> None:
    (tmp_path / "GeoVirus.xml").write_text(GEOVIRUS_XML, encoding="utf-8")
    [article] = read_corpus(tmp_path / "GeoVirus.xml")
    [kabul] = article.toponyms
    assert article.text[kabul.start : kabul.end] == "Kabul"
    assert kabul.geonameid is None


def test_score_with_gold_spans() -> None:
    golds = (
        GoldToponym(0, 5, "Paris", 33.66, -95.55, 4717560, "", "Texas"),
        GoldToponym(10, 16, "Dallas", 32.78, -96.80, 4684888, "", "Texas"),
    )
    article = GoldArticle("a", "Paris and Dallas", golds)
    predictions = [(mention(0, 5, entry(48.85, 2.35, 4717560)), mention(10, 16, entry(32.80, -96.81)))]
    metrics = score([article], predictions, gold_spans=True)
    assert metrics["acc_161"] == 0.5
    assert metrics["acc_161_or_id"] == 1.0
    assert metrics["coverage"] == 1.0
    assert metrics["admin1_correct"] == 1.0


def test_score_end_to_end_counts_recall_and_precision() -> None:
    golds = (GoldToponym(0, 5, "Paris", 33.66, -95.55), GoldToponym(10, 16, "Dallas", 32.78, -96.80))
    article = GoldArticle("a", "Paris and Dallas", golds)
    predictions = [(mention(0, 5, entry(33.66, -95.55)), mention(6, 9, None))]
    metrics = score([article], predictions, gold_spans=False)
    assert metrics["recall"] == 0.5
    assert metrics["precision"] == 0.5
    assert metrics["acc_161"] == 0.5


def test_the_outlet_is_the_domain_or_the_source_host(tmp_path: Path) -> None:
    (tmp_path / "lgl.xml").write_text(LGL_XML, encoding="utf-8")
    (tmp_path / "GeoVirus.xml").write_text(GEOVIRUS_XML, encoding="utf-8")
    assert read_corpus(tmp_path / "lgl.xml")[0].outlet == "paris-news.example"
    assert read_corpus(tmp_path / "GeoVirus.xml")[0].outlet == "en.wikinews.org"


def test_each_article_gets_the_home_of_its_outlets_other_articles() -> None:
    texan = GeoEntry(4719457, "Plano", 33.0, -96.0, "US", "United States", "TX", "Texas")
    articles = [GoldArticle(str(number), "", (), outlet) for number, outlet in
                enumerate(["ledger", "ledger", "ledger", "ledger", "wire", ""])]
    places = [(PlaceMention(a.id, 0, 5, "Plano", "test", texan, (texan,), 0.99),) for a in articles]
    places[0] = ()  # the first article names no place: the others still give it a home
    homes = _homes_without_self(articles, places)
    assert homes[0] is not None and homes[0].articles == 3
    # Each of the others learns from the three *other* articles, of which two name a place: too few.
    assert homes[1:4] == [None, None, None]
    assert homes[4] is None and homes[5] is None  # one article of its outlet; no outlet

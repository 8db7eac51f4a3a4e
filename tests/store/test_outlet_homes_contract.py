"""Outlet homes on both backends: local places written with each extraction, summed in SQL."""

from __future__ import annotations

from collections.abc import Sequence

from conftest import make_article
from sitrep.geo.outlets import learn_home, local_places
from sitrep.records import Article, Extraction, GeoEntry, HomeShare, OutletHome, PlaceMention
from sitrep.store import Store

COMPONENT = "test-outlets.v1"


def _town(
    geonameid: int, name: str, country_code: str, admin1_code: str, admin1: str, **fields: object
) -> GeoEntry:
    country = {"US": "United States", "CA": "Canada", "IE": "Ireland", "GB": "United Kingdom"}[country_code]
    return GeoEntry(geonameid, name, 40.0, -82.0, country_code, country, admin1_code, admin1,
                    **fields)  # type: ignore[arg-type]


# Invented towns (real divisions): the first four are unambiguous.
MAPLE_HOLLOW = _town(1001, "Maple Hollow", "US", "OH", "Ohio")
BIRCHFORD = _town(1002, "Birchford", "US", "OH", "Ohio")
LINDEN_BAY = _town(1003, "Linden Bay", "US", "MI", "Michigan")
FAIRHAVEN_ON = _town(1004, "Fairhaven Mills", "CA", "08", "Ontario")
QUARRY_GAP = _town(1005, "Quarry Gap", "US", "KY", "Kentucky")
# "Dunmore" resolved to Ohio, though Ireland and England have one too: weight 1/3.
DUNMORE_OH = _town(1006, "Dunmore", "US", "OH", "Ohio")
DUNMORE_CANDIDATES = (
    DUNMORE_OH,
    _town(1007, "Dunmore", "IE", "07", "Leinster"),
    _town(1008, "Dunmore", "GB", "ENG", "England"),
)
# "Oakridge" resolved to Pennsylvania with candidates in four divisions: weight 1/4.
OAKRIDGE_PA = _town(1009, "Oakridge", "US", "PA", "Pennsylvania")
OAKRIDGE_CANDIDATES = (
    OAKRIDGE_PA,
    _town(1010, "Oakridge", "US", "TN", "Tennessee"),
    _town(1011, "Oakridge", "US", "OR", "Oregon"),
    _town(1012, "Oakridge", "CA", "08", "Ontario"),
)
PINECREST_COUNTY = _town(1013, "Pinecrest County", "US", "OH", "Ohio", feature_class="A", feature_code="ADM2")
INDIANA = _town(1014, "Indiana", "US", "IN", "Indiana", feature_class="A", feature_code="ADM1")
CANADA = _town(1015, "Canada", "CA", "", "", feature_class="A", feature_code="PCLI")
NOWHERE_CODE = GeoEntry(1016, "Drift Point", 0.0, 0.0, "", "", "", "")


def _mention(article: Article, entry: GeoEntry | None, *, candidates: Sequence[GeoEntry] = (),
             score: float = 0.9) -> PlaceMention:
    name = entry.name if entry else "Somewhere"
    weighed = tuple(candidates) or ((entry,) if entry else ())
    return PlaceMention(article.id, 0, len(name), name, COMPONENT, entry, weighed, score, 1)


def _articles(outlet: str | None, count: int, tag: str) -> list[Article]:
    return [make_article(f"{tag} report number {number} from the county fair and the school board.",
                         source=outlet) for number in range(count)]


def _extraction(article: Article, *places: PlaceMention) -> Extraction:
    return Extraction(article.id, (COMPONENT,), places=places)


def _each_at(articles: Sequence[Article], *towns: GeoEntry) -> list[Extraction]:
    """One extraction per article naming one town: the towns in turn (one town: the same for all)."""
    named = towns * len(articles) if len(towns) == 1 else towns
    pairs = zip(articles, named, strict=True)
    return [_extraction(article, _mention(article, town)) for article, town in pairs]


def _save(store: Store, articles: Sequence[Article], extractions: Sequence[Extraction]) -> None:
    store.save_batch(list(articles), [])
    store.save_extractions([(extraction, ()) for extraction in extractions])


def _in_memory(outlet: str, extractions: Sequence[Extraction]) -> OutletHome | None:
    return learn_home(outlet, [local_places(extraction.places) for extraction in extractions])


def test_unambiguous_towns_make_a_home(store: Store) -> None:
    articles = _articles("Valley Courier", 4, "valley")
    towns = [MAPLE_HOLLOW, BIRCHFORD, MAPLE_HOLLOW, BIRCHFORD]
    extractions = _each_at(articles, *towns)
    _save(store, articles, extractions)
    home = store.outlet_homes()["Valley Courier"]
    assert (home.outlet, home.articles, home.weight) == ("Valley Courier", 4, 4.0)
    assert home.countries == (HomeShare("US", 1.0),)
    assert home.admin1 == (HomeShare("US", 1.0, "OH", "Ohio"),)
    assert home == _in_memory("Valley Courier", extractions)


def test_sql_and_in_memory_agree_on_ambiguous_names_and_several_divisions(store: Store) -> None:
    articles = _articles("Lakeshore Ledger", 5, "lakeshore")
    a1, a2, a3, a4, a5 = articles
    extractions = [
        _extraction(a1, _mention(a1, MAPLE_HOLLOW)),
        _extraction(a2, _mention(a2, LINDEN_BAY), _mention(a2, BIRCHFORD)),
        _extraction(a3, _mention(a3, DUNMORE_OH, candidates=DUNMORE_CANDIDATES),
                    _mention(a3, OAKRIDGE_PA, candidates=OAKRIDGE_CANDIDATES)),
        _extraction(a4, _mention(a4, LINDEN_BAY)),
        _extraction(a5, _mention(a5, FAIRHAVEN_ON)),
    ]
    _save(store, articles, extractions)
    home = store.outlet_homes()["Lakeshore Ledger"]
    assert home == _in_memory("Lakeshore Ledger", extractions)
    # Weight 1 + 1 + 1/3 + 1 + 1; the US counts each article once at its best place (a2: 1, a3: 1/3).
    assert (home.articles, home.weight) == (5, 4.3333)
    assert home.countries == (HomeShare("US", 0.7692), HomeShare("CA", 0.2308))
    # Pennsylvania (1/4 of one article, 6%) is under MIN_SHARE.
    assert home.admin1 == (HomeShare("US", 0.5385, "OH", "Ohio"), HomeShare("US", 0.4615, "MI", "Michigan"),
                           HomeShare("CA", 0.2308, "08", "Ontario"))


def test_at_most_five_divisions_are_kept(store: Store) -> None:
    articles = _articles("Six Counties Gazette", 6, "six")
    towns = [MAPLE_HOLLOW, LINDEN_BAY, FAIRHAVEN_ON, QUARRY_GAP, OAKRIDGE_PA,
             _town(1020, "Elm Crossing", "US", "IN", "Indiana")]
    extractions = _each_at(articles, *towns)
    _save(store, articles, extractions)
    home = store.outlet_homes()["Six Counties Gazette"]
    assert home == _in_memory("Six Counties Gazette", extractions)
    assert len(home.admin1) == 5 and {share.share for share in home.admin1} == {0.1667}
    assert home.countries == (HomeShare("US", 0.8333), HomeShare("CA", 0.1667))


def test_fewer_than_three_articles_make_no_home(store: Store) -> None:
    two = _articles("Hamlet Herald", 2, "hamlet")
    three = _articles("Township Times", 3, "township")
    _save(store, two + three, _each_at(two + three, MAPLE_HOLLOW))
    homes = store.outlet_homes()
    assert set(homes) == {"Township Times"}
    assert homes["Township Times"].articles == 3


def test_the_outlet_filter_returns_only_those_outlets(store: Store) -> None:
    courier = _articles("Valley Courier", 3, "courier")
    ledger = _articles("Lakeshore Ledger", 3, "ledger")
    _save(store, courier + ledger, _each_at(courier, MAPLE_HOLLOW) + _each_at(ledger, LINDEN_BAY))
    assert set(store.outlet_homes()) == {"Valley Courier", "Lakeshore Ledger"}
    only = store.outlet_homes(["Lakeshore Ledger", "Unknown Weekly"])
    assert set(only) == {"Lakeshore Ledger"}
    assert only["Lakeshore Ledger"].admin1 == (HomeShare("US", 1.0, "MI", "Michigan"),)
    assert store.outlet_homes([]) == {}


def test_excluded_articles_are_left_out(store: Store) -> None:
    articles = _articles("Valley Courier", 4, "exclude")
    extractions = _each_at(articles, MAPLE_HOLLOW)
    _save(store, articles, extractions)
    assert store.outlet_homes(exclude=[articles[0].id])["Valley Courier"].articles == 3
    assert store.outlet_homes(["Valley Courier"], exclude=[articles[0].id, articles[1].id]) == {}
    assert store.outlet_homes()["Valley Courier"].articles == 4


def test_resaving_an_extraction_replaces_its_places(store: Store) -> None:
    articles = _articles("Valley Courier", 3, "resave")
    first = [_extraction(articles[0], _mention(articles[0], MAPLE_HOLLOW)),
             _extraction(articles[1], _mention(articles[1], BIRCHFORD)),
             _extraction(articles[2], _mention(articles[2], QUARRY_GAP))]
    _save(store, articles, first)
    before = store.outlet_homes()["Valley Courier"]
    assert [share.admin1 for share in before.admin1] == ["Ohio", "Kentucky"]
    moved = _extraction(articles[2], _mention(articles[2], MAPLE_HOLLOW))
    store.save_extractions([(moved, ())])
    after = store.outlet_homes()["Valley Courier"]
    assert (after.articles, after.admin1) == (3, (HomeShare("US", 1.0, "OH", "Ohio"),))
    store.save_extractions([(_extraction(articles[2]), ())])
    assert store.outlet_homes() == {}


def test_articles_without_a_source_are_ignored(store: Store) -> None:
    anonymous = _articles(None, 3, "anonymous")
    sourced = _articles("Valley Courier", 2, "sourced")
    _save(store, anonymous + sourced, _each_at(anonymous + sourced, MAPLE_HOLLOW))
    assert store.outlet_homes() == {}


def test_weak_picks_regions_and_countries_are_not_local(store: Store) -> None:
    articles = _articles("Valley Courier", 3, "local")
    extractions = [
        _extraction(article,
                     _mention(article, BIRCHFORD, score=0.7),
                     _mention(article, LINDEN_BAY, score=0.69),
                     _mention(article, INDIANA),
                     _mention(article, CANADA),
                     _mention(article, NOWHERE_CODE),
                     _mention(article, None))
        for article in articles
    ]
    county = _articles("County Clarion", 3, "county")
    extractions += _each_at(county, PINECREST_COUNTY)
    regional = _articles("Regional Review", 3, "regional")
    extractions += [_extraction(article, _mention(article, INDIANA), _mention(article, CANADA),
                                _mention(article, LINDEN_BAY, score=0.5)) for article in regional]
    _save(store, articles + county + regional, extractions)
    homes = store.outlet_homes()
    assert set(homes) == {"Valley Courier", "County Clarion"}
    assert homes["Valley Courier"] == OutletHome("Valley Courier", 3, 3.0, (HomeShare("US", 1.0),),
                                                 (HomeShare("US", 1.0, "OH", "Ohio"),))
    assert homes["County Clarion"].admin1 == (HomeShare("US", 1.0, "OH", "Ohio"),)

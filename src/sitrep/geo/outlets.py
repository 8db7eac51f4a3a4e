"""Outlet homes: where a local outlet reports from, as a prior for the places its text cannot settle.

A local paper's "Paris" is more often the town down the road than the capital of France. This is
the Local-Global Lexicon idea (Lieberman, Samet & Sankaranarayanan 2010): learn each outlet's home
from the places its articles name, and let that home count as context when one of its articles
names a place the text alone cannot settle.

- An article's local places (`local_places`): the divisions (country, admin-1) of its towns and
  counties resolved with confidence of at least LOCAL_CONFIDENCE, each weighted by 1 / the number
  of divisions its name's candidates lie in: "Cuyahoga Falls" counts fully, a lone "Dublin" hardly
  (a home learned from ambiguous names would feed on its own mistakes: a paper in Dublin, Ohio,
  whose "Dublin" first resolves to Ireland would learn an Irish home). Countries and regions are
  not local (every paper names "Iraq").
- An outlet's home (`learn_home`, `home_from_totals`): over its articles with a local place, the
  weighted share naming one in each country and each division; none from fewer than MIN_ARTICLES
  articles; shares under MIN_SHARE dropped, at most MAX_DIVISIONS divisions kept. The shares are
  ratios of sums each article adds to independently (`contributions`), so a store keeps running
  totals per outlet and adds or takes away one article at a time.
- The resolver (`sitrep.geo.resolve`) adds HOME_WEIGHT x share to the support the article's own
  places lend (a home at full share weighs like two well-resolved places of the text), so the
  text still wins when it points elsewhere ("Paris, France", or other French towns in the story).
The store keeps each article's local places and each outlet's totals, so that reading the homes of
a batch costs the same however many articles are stored; an article is never its own evidence (the
batch being extracted is taken away from the totals).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from sitrep.records import HomeShare, OutletHome, PlaceMention

# (country code, admin-1 code, admin-1 name)
LocalPlace = tuple[str, str, str]
# An outlet's totals: ("", "") the outlet, (country code, "") a country, (country code, admin-1 code)
# a division; each with (admin-1 name, summed weight, number of articles adding to it).
TotalKey = tuple[str, str]
Total = tuple[str, float, int]

LOCAL_CONFIDENCE = 0.7
MIN_ARTICLES = 3
MIN_SHARE = 0.15
MAX_DIVISIONS = 5
HOME_WEIGHT = 2.0
# Sums kept by adding and taking away articles drift by rounding; weights under this are zero.
EPSILON = 1e-9


def local_places(places: Sequence[PlaceMention]) -> dict[LocalPlace, float]:
    """The divisions of the article's confidently resolved towns and counties, with their weights."""
    found: dict[tuple[str, str], tuple[str, float]] = {}
    for place in places:
        entry = place.entry
        if entry is None or place.score < LOCAL_CONFIDENCE or not entry.country_code:
            continue
        if entry.feature_class == "P" or entry.feature_code == "ADM2":
            key = (entry.country_code, entry.admin1_code)
            divisions = {(c.country_code, c.admin1_code) for c in place.candidates} | {key}
            name, weight = found.get(key, (entry.admin1, 0.0))
            # A division is one (country, code), whatever name each entry gives it.
            found[key] = (name or entry.admin1, max(weight, 1.0 / len(divisions)))
    return {(code, division, name): weight for (code, division), (name, weight) in found.items()}


def contributions(places: Mapping[LocalPlace, float]) -> dict[TotalKey, tuple[str, float]]:
    """What one article adds to its outlet's totals: (name, weight) under each total's key.

    ("", "") is the outlet (the article's best weight), (country, "") a country (its best weight
    there), (country, code) a division. An article without local places adds nothing.
    """
    if not places:
        return {}
    added: dict[TotalKey, tuple[str, float]] = {("", ""): ("", max(places.values()))}
    for (code, division, name), weight in places.items():
        added[(code, "")] = ("", max(added.get((code, ""), ("", 0.0))[1], weight))
        if division:
            added[(code, division)] = (name, weight)
    return added


def add_contributions(
    totals: dict[TotalKey, Total], added: Mapping[TotalKey, tuple[str, float]], sign: int = 1
) -> None:
    """Add (sign 1) or take away (sign -1) one article's contributions to `totals`, in place."""
    for key, (name, weight) in added.items():
        old_name, old_weight, old_articles = totals.get(key, (name, 0.0, 0))
        totals[key] = (old_name or name, old_weight + sign * weight, old_articles + sign)


def learn_home(outlet: str, article_places: Iterable[Mapping[LocalPlace, float]]) -> OutletHome | None:
    """The home of an outlet from the local places of each of its articles (one mapping per article)."""
    totals: dict[TotalKey, Total] = {}
    for places in article_places:
        add_contributions(totals, contributions(places))
    return home_from_totals(outlet, totals)


def home_from_totals(outlet: str, totals: Mapping[TotalKey, Total]) -> OutletHome | None:
    """The home of an outlet from its totals (see `contributions`); None below MIN_ARTICLES articles."""
    _, weight, articles = totals.get(("", ""), ("", 0.0, 0))
    if articles < MIN_ARTICLES or weight <= EPSILON:
        return None
    countries, divisions = [], []
    for (code, division), (name, value, count) in totals.items():
        share = value / weight
        if not code or count <= 0 or share < MIN_SHARE:
            continue
        if division:
            divisions.append(HomeShare(code, round(share, 4), division, name))
        else:
            countries.append(HomeShare(code, round(share, 4)))
    return OutletHome(
        outlet=outlet,
        articles=articles,
        weight=round(weight, 4),
        countries=tuple(sorted(countries, key=_best_first)),
        admin1=tuple(sorted(divisions, key=_best_first)[:MAX_DIVISIONS]),
    )


def _best_first(share: HomeShare) -> tuple[float, str, str]:
    return (-share.share, share.country_code, share.admin1_code)


def home_support(home: OutletHome | None) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """The support a home lends to countries and to (country, admin-1 code) divisions."""
    if home is None:
        return {}, {}
    return (
        {share.country_code: HOME_WEIGHT * share.share for share in home.countries},
        {(share.country_code, share.admin1_code): HOME_WEIGHT * share.share for share in home.admin1},
    )

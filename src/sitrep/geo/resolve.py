"""Resolve an article's toponyms together: priors from the gazetteer, evidence from the article.

Each option's score is a weighted sum of named features (`sitrep.geo.ranker`; the weights are data,
`data/geo/ranker.yaml`, fitted on annotated corpora by `benchmarks/train_ranker.py`); a name whose
best score is below the weights' threshold stays unresolved. The features:

Each distinct name (with its designator and "X, Y" partner) is one group; its options are the
gazetteer entries it leads to. An option's features are
    prior    log10 population + feature bonus (country, admin-1, capital, seat; admin-2 malus)
             + name-kind malus (alternate name) + designator fit ("X province" wants an ADM1)
             + partner fit ("Paris, Texas": inside Texas; not for "California, Colorado", two states)
             + namesake malus (a town named as a country or a state it lies outside: "Mexico, N.Y.")
             + state demonym malus ("Georgian" is the country's unless the state is in context)
    context  log(1 + support) for the article's countries, admin-1 divisions and
             nearby places, as given by the *other* groups' current picks weighted by their
             confidence, plus for countries and admin-1 divisions what the outlet's home lends
             (`sitrep.geo.outlets`),
             + stray malus: in an article about one country, a small place abroad that no other
             name of the article is near is a namesake ("stray"), never picked and lending nothing,
recomputed for a few rounds so unambiguous places settle the ambiguous ones. A name with no
entry (or only strays) is retried against the consonant skeletons of the article's countries'
names (the fuzzy fallback, checked with rapidfuzz on the name as written and with its
romanisation folded); a name still without a fitting entry takes the entry of a longer name of
the article it opens ("Mazar" after "Mazar-i-Sharif"). A group may stay unresolved; that never
affects the others.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz

from sitrep.geo.airports import FEATURE_CODE as AIRPORT_CODE
from sitrep.geo.entries import NameKind
from sitrep.geo.gazetteer import Gazetteer, NameMatch
from sitrep.geo.normalize import fold_transliteration, name_key
from sitrep.geo.outlets import home_support
from sitrep.geo.ranker import RankerWeights, default_weights
from sitrep.geo.toponym import Toponym
from sitrep.records import GeoEntry, OutletHome

ROUNDS = 3
MAX_OPTIONS = 12
# The ranker's features (`sitrep.geo.ranker`) for an entry's type and for how its name reached it.
TYPE_FEATURES = {
    "PCLI": "country", "CONT": "region", "RGN": "region", "ADM1": "admin1", "PPLC": "capital",
    "PPLA": "seat", "ADM2": "admin2", AIRPORT_CODE: "airport",
}
KIND_FEATURES = {
    NameKind.ALTERNATE: "alternate_name", NameKind.ABBREVIATION: "abbreviation", NameKind.DEMONYM: "demonym",
}
# The weights of the ranker's features are data (`data/geo/ranker.yaml`); the comments below say
# what each cue is for. A bare name shared by a province and a town inside it ("Kunduz", "Farah")
# is the town ("same_name_admin").
SEAT_CODES = frozenset({"PPLA", "PPLC"})
# A bare name that is a country's or a division's own name ("Mexico") is that area rather than a
# town known by it only as an alternate name (Mexico City), unless a cue says town ("area_shadow").
AREA_CODES = frozenset({"PCLI", "ADM1", "CONT", "RGN"})
# A town reached by an alternate name (a former or variant name of it) that a
# town of the same country bears as its own name is that other town's namesake, unless it is a seat
# or capital, a short form of its own name, or this many times larger than every town of its country
# that bears the name ("town_shadow").
TOWN_SHADOW_SIZE = 5
# A town outside the country or admin-1 division whose own name it bears ("Mexico, N.Y.", "California,
# Mo.") is that area only with a partner or strong local evidence: towns inside it ("Kunduz") are spared
# ("namesake"). A demonym shared by a country and an admin-1 division ("Georgian") means the country
# unless the division is otherwise in context ("state_demonym").
NEAR_KM = 150.0
NEAR_CUTOFF_KM = 600.0
# Options less likely than this lend no evidence.
MIN_EVIDENCE = 0.02
MIN_NEAR_EVIDENCE = 0.05
FUZZY_MIN_SIMILARITY = 80.0
# A country must carry this much support before its names are searched fuzzily.
FUZZY_COUNTRY_SUPPORT = 0.5
# An article about one country ("dominant": this much support from the other names, this share of
# it) does not name a small place abroad that no other name of the article is near: such an option
# is a namesake ("stray": Golān, Iran for the Golan; Hatta, India for a Syrian village). A stray
# lends no evidence and is never picked; the group is then unresolved or takes a longer name.
DOMINANT_SUPPORT = 2.0
DOMINANT_SHARE = 0.5
# Below this support (other names and the outlet's home) an option's country is foreign to the article.
FOREIGN_SUPPORT = 0.5
# Below this nearness (`Support._nearby`) no other place of the article is close to the option.
FOREIGN_NEARNESS = 0.05
# Countries, continents, admin-1 divisions, national capitals and towns this large are named abroad.
PROMINENT_CODES = frozenset({"PCLI", "CONT", "RGN", "ADM1", "PPLC"})
PROMINENT_POPULATION = 100_000
STRAY_MALUS = -12.0
# A spelling variant found by the fuzzy fallback ("Nayrab") is a stray too outside the leading
# country unless another place of the article is near it.
# A group lends at most one unit of country support, so the leader without it is among the first few.
LEADERS = 3
# A dateline's place ("KABUL —") says where the article is written from: it lends this many times
# the support of a name in the text.
DATELINE_WEIGHT = 2.0


@dataclass(slots=True)
class Option:
    """One entry a group may resolve to, with its prior and current score.

    `features` are its prior features and `context` its context features as of the last round
    (`sitrep.geo.ranker`); `prior` is the weighted sum of `features`.
    """

    entry: GeoEntry
    kind: NameKind
    prior: float
    score: float = 0.0
    admin2: str = ""
    stray: bool = False
    fuzzy: bool = False
    features: dict[str, float] = field(default_factory=dict)
    context: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class Group:
    """The toponyms that share a name and its cues, resolved as one."""

    sample: Toponym
    members: list[int] = field(default_factory=list)
    options: list[Option] = field(default_factory=list)
    fuzzy: bool = False

    def pick(self) -> Option | None:
        """The best option, or None when there is none."""
        return self.options[0] if self.options else None

    def distribution(self) -> list[tuple[Option, float]]:
        """The leading options and their softmax probabilities."""
        if not self.options:
            return []
        top = self.options[0].score
        weights = [math.exp(option.score - top) for option in self.options]
        total = sum(weights)
        return [
            (option, weight / total)
            for option, weight in zip(self.options, weights, strict=True)
            if weight / total >= MIN_EVIDENCE and not option.stray
        ]

    def confidence(self) -> float:
        """Softmax probability of the best option over all options."""
        if not self.options:
            return 0.0
        top = self.options[0].score
        return 1.0 / sum(math.exp(option.score - top) for option in self.options)


@dataclass(frozen=True, slots=True)
class Resolution:
    """What one toponym resolved to (entry None when unresolved), its options and confidence."""

    toponym: Toponym
    entry: GeoEntry | None
    candidates: tuple[GeoEntry, ...]
    score: float


class Resolver:
    """Resolves the toponyms of one article at a time against a gazetteer."""

    def __init__(self, gazetteer: Gazetteer, weights: RankerWeights | None = None) -> None:
        """Use `gazetteer` for candidates and partner lookups, and `weights` (the shipped ones by
        default) to score them."""
        self.gazetteer = gazetteer
        self.weights = weights or default_weights()

    def resolve(
        self, toponyms: Sequence[Toponym], context: Sequence[Toponym] = (), *, home: OutletHome | None = None
    ) -> list[Resolution]:
        """Resolve `toponyms`; `context` toponyms only lend evidence and are not returned.

        `home`, the outlet's usual region, lends support as the article's own places do.
        """
        groups = self.rank(toponyms, context, home=home)
        threshold = self.weights.threshold
        _adopt_longer_names(groups, threshold)
        resolutions: list[Resolution | None] = [None] * len(toponyms)
        for group in groups:
            members = [index for index in group.members if index < len(toponyms)]
            if not members:
                continue
            # Every member of a group resolves alike: the pick, candidates and score are the group's.
            shared = _resolution(toponyms[members[0]], group, threshold)
            for index in members:
                resolution = Resolution(toponyms[index], shared.entry, shared.candidates, shared.score)
                resolutions[index] = self._with_served_town(resolution)
        return [resolution for resolution in resolutions if resolution is not None]

    def rank(
        self, toponyms: Sequence[Toponym], context: Sequence[Toponym] = (), *, home: OutletHome | None = None
    ) -> list[Group]:
        """The groups of `toponyms` then `context`, their options scored and sorted best first.

        A group's `members` index `[*toponyms, *context]`; no name has yet taken a longer one's entry.
        """
        groups = self._group([*toponyms, *context])
        for group in groups:
            group.options = self._options(group.sample)
        for _ in range(ROUNDS):
            support = Support.from_groups(groups, home)
            self._add_fuzzy(groups, support)
            for number, group in enumerate(groups):
                _rescore(group, support, number, self.weights)
        return groups

    def _with_served_town(self, resolution: Resolution) -> Resolution:
        """An airport named after its town ("X airport") keeps that town among its candidates, after
        the airport: later stages read "the city" in the same text as the town, not the airport."""
        entry = resolution.entry
        if entry is None or entry.feature_code != AIRPORT_CODE or len(resolution.toponym.names) < 2:
            return resolution
        towns = [
            match.entry
            for match in self.gazetteer.matches(resolution.toponym.names[-1])
            if match.kind == NameKind.NAME
            and match.entry.feature_class == "P"
            and match.entry.country_code == entry.country_code
            and match.entry not in resolution.candidates
        ]
        return replace(resolution, candidates=(*resolution.candidates, *towns))

    @staticmethod
    def _group(toponyms: Sequence[Toponym]) -> list[Group]:
        """Toponyms grouped by name key, designator and partner."""
        groups: dict[tuple[str, str, tuple[str, ...]], Group] = {}
        for index, toponym in enumerate(toponyms):
            signature = (name_key(toponym.key), toponym.wants(), toponym.partners)
            groups.setdefault(signature, Group(toponym)).members.append(index)
        return list(groups.values())

    def _options(self, toponym: Toponym) -> list[Option]:
        """The scored gazetteer options of a toponym (the first of its names that matches).

        A name found in the text with no capital letter ("the west bank" of a river) is no proper name.
        """
        if toponym.source != "given" and toponym.text.islower():
            return []
        for name in toponym.names:
            matches = [match for match in self.gazetteer.matches(name) if match.kind < NameKind.CODE]
            if matches:
                return self._prioritise(toponym, matches)
        return []

    def _prioritise(self, toponym: Toponym, matches: Sequence[NameMatch]) -> list[Option]:
        """Options with their priors, best first, at most MAX_OPTIONS."""
        containers = _plausible_containers(self._partner_entries(toponym), matches)
        # Towns that bear the name (or, for the division's own seat, an alternate spelling of it:
        # "Hama" for Ḩamāh, seat of Hama governorate) make a bare name the town, not the division.
        town_admin1 = {
            (m.entry.country_code, m.entry.admin1_code)
            for m in matches
            if m.entry.feature_class == "P"
            and (m.kind == NameKind.NAME
                 or (m.kind == NameKind.ALTERNATE and m.entry.feature_code in SEAT_CODES))
        }
        areas = _named_areas(toponym, matches)
        own_towns = _own_name_towns(matches)
        largest = max((match.entry.population for match in matches), default=0)
        options = []
        for match in matches:
            entry = match.entry
            features = _entry_features(entry, largest)
            if feature := KIND_FEATURES.get(match.kind):
                features[feature] = 1.0
            features.update(_designator_fit(toponym, entry))
            partner_fit = any(_contains(container, entry) for container in containers)
            if _is_shadowed(match, areas) and not partner_fit:
                features["area_shadow"] = 1.0
            elif _is_namesake(match, areas) and not partner_fit:
                features["namesake"] = 1.0
            elif _is_town_shadowed(match, own_towns) and not partner_fit:
                features["town_shadow"] = 1.0
            if _is_state_demonym(match, matches):
                features["state_demonym"] = 1.0
            if (
                entry.feature_code == "ADM1"
                and not _wants_kind(toponym)
                and (entry.country_code, entry.admin1_code) in town_admin1
            ):
                features["same_name_admin"] = 1.0
            if partner_fit:
                features["partner_fit"] = 1.0
            # A transliteration variant is a spelling variant, weighed as the fuzzy fallback's are.
            if match.transliterated:
                features["spelling_variant"] = 1.0
            prior = self.weights.score(features)
            options.append(Option(entry, match.kind, prior, prior, match.admin2, fuzzy=match.transliterated,
                                  features=features))
        options.sort(key=lambda option: -option.prior)
        return options[:MAX_OPTIONS]

    def _partner_entries(self, toponym: Toponym) -> list[GeoEntry]:
        """Admin-1 divisions and countries named right after "X," (postal codes allowed there)."""
        for name in toponym.partners:
            found = [
                match.entry
                for match in self.gazetteer.matches(name)
                if match.entry.feature_code in {"ADM1", "PCLI"}
            ]
            if found:
                return found
        return []

    def _add_fuzzy(self, groups: list[Group], support: Support) -> None:
        """Give groups with no option (or only strays) the similar names of the article's countries.

        An article about one country (`Support.dominant`) has its names searched in that country only.
        """
        supported = {code for code, weight in support.countries.items() if weight >= FUZZY_COUNTRY_SUPPORT}
        for number, group in enumerate(groups):
            if group.fuzzy or not supported or not all(option.stray for option in group.options):
                continue
            group.fuzzy = True
            # In an article about one country, a spelling variant is looked for there only.
            dominant = support.dominant(number)
            countries = {dominant} if dominant else supported
            key = name_key(group.sample.key)
            similar = [
                match
                for match in self.gazetteer.similar(group.sample.key)
                if match.entry.country_code in countries
                and _similarity(key, match.key) >= FUZZY_MIN_SIMILARITY
            ]
            best: dict[int, NameMatch] = {}
            for match in similar:
                best.setdefault(match.entry.geonameid, match)
            found = self._prioritise(group.sample, list(best.values()))
            for option in found:
                option.features["spelling_variant"] = option.features.get("spelling_variant", 0.0) + 1.0
                option.prior = self.weights.score(option.features)
                option.fuzzy = True
            group.options = found + group.options


AdminKey = tuple[str, str]
CountyKey = tuple[str, str, str]


@dataclass(slots=True)
class Support:
    """The article's evidence about where it is, as lent by each group's options.

    Countries are counted in expectation (each option by its probability), so that names found
    everywhere do not make every country likely. Admin-1, admin-2 and nearness count, per other
    group, its most compatible option weighted by the square root of that option's probability:
    "Walker County" and "Huntsville" support their Texan readings together even while each one
    alone prefers Alabama. A group's own share is kept apart so that a name never supports itself.
    """

    countries: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    admin1: dict[AdminKey, float] = field(default_factory=lambda: defaultdict(float))
    admin2: dict[CountyKey, float] = field(default_factory=lambda: defaultdict(float))
    own: dict[tuple[int, object], float] = field(default_factory=dict)
    own_totals: dict[int, float] = field(default_factory=dict)
    dominants: dict[int, str] = field(default_factory=dict)
    points: list[tuple[float, float, float, int]] = field(default_factory=list)
    # What the outlet's home lends, apart from the groups' own evidence (fuzzy search ignores it).
    home_countries: dict[str, float] = field(default_factory=dict)
    home_admin1: dict[AdminKey, float] = field(default_factory=dict)

    @classmethod
    def from_groups(cls, groups: Sequence[Group], home: OutletHome | None = None) -> Support:
        """Evidence from every group's options, weighted by their probabilities, and the home's."""
        home_countries, home_admin1 = home_support(home)
        support = cls(home_countries=home_countries, home_admin1=home_admin1)
        for number, group in enumerate(groups):
            support.add_group(number, group)
        return support

    def add_group(self, number: int, group: Group) -> None:
        """Count the evidence lent by one group."""
        admin1: dict[AdminKey, float] = {}
        admin2: dict[CountyKey, float] = {}
        weight = DATELINE_WEIGHT if group.sample.dateline else 1.0
        for option, probability in group.distribution():
            entry, strength = option.entry, weight * math.sqrt(probability)
            if entry.country_code:
                self.countries[entry.country_code] += weight * probability
                self._own(number, entry.country_code, weight * probability)
                self.own_totals[number] = self.own_totals.get(number, 0.0) + weight * probability
            # airportsdata's subdivisions are those of the town served (Dulles: the District of
            # Columbia), so an airport lends its country but no admin-1 division.
            if entry.admin1_code and entry.feature_code != AIRPORT_CODE:
                key = (entry.country_code, entry.admin1_code)
                admin1[key] = max(admin1.get(key, 0.0), strength)
            if option.admin2:
                county = (entry.country_code, entry.admin1_code, name_key(option.admin2))
                admin2[county] = max(admin2.get(county, 0.0), strength)
            if (
                entry.feature_class == "P" or entry.feature_code == "ADM2"
            ) and probability >= MIN_NEAR_EVIDENCE:
                self.points.append((entry.latitude, entry.longitude, strength, number))
        for key, strength in admin1.items():
            self.admin1[key] += strength
            self._own(number, key, strength)
        for county, strength in admin2.items():
            self.admin2[county] += strength
            self._own(number, county, strength)

    def _own(self, number: int, key: object, weight: float) -> None:
        """Remember what group `number` lent under `key`."""
        self.own[(number, key)] = self.own.get((number, key), 0.0) + weight

    def _others(self, table: dict[Any, float], key: object, number: int) -> float:
        """What the groups other than `number` lend under `key`."""
        return max(table.get(key, 0.0) - self.own.get((number, key), 0.0), 0.0)

    def context(self, option: Option, number: int) -> dict[str, float]:
        """The context features of an option (`sitrep.geo.ranker`); marks the option stray."""
        entry = option.entry
        country = self._others(self.countries, entry.country_code, number)
        country += self.home_countries.get(entry.country_code, 0.0)
        features = {"country_support": math.log1p(country)}
        if entry.admin1_code:
            key = (entry.country_code, entry.admin1_code)
            admin1 = self._others(self.admin1, key, number) + self.home_admin1.get(key, 0.0)
            features["admin1_support"] = math.log1p(admin1)
        if option.admin2:
            county = (entry.country_code, entry.admin1_code, name_key(option.admin2))
            features["admin2_support"] = math.log1p(self._others(self.admin2, county, number))
        nearness = 0.0
        if entry.feature_class == "P" or entry.feature_code == "ADM2":
            nearness = self._nearby(entry, number)
            features["nearness"] = math.log1p(nearness)
        option.stray = self._is_stray(entry, number, country, nearness) or (
            option.fuzzy and nearness < FOREIGN_NEARNESS and entry.country_code != self.leader(number)
        )
        return features

    def _is_stray(self, entry: GeoEntry, number: int, country: float, nearness: float) -> bool:
        """True for a small place abroad, near no other place, in an article about another country."""
        if entry.feature_code in PROMINENT_CODES or entry.population >= PROMINENT_POPULATION:
            return False
        if country >= FOREIGN_SUPPORT or nearness >= FOREIGN_NEARNESS:
            return False
        dominant = self.dominant(number)
        return bool(dominant) and dominant != entry.country_code

    def leader(self, number: int) -> str:
        """The country the names other than group `number` support most ("" when none)."""
        leaders = sorted(self.countries, key=self.countries.__getitem__, reverse=True)[:LEADERS]
        return max(leaders, key=lambda code: self._others(self.countries, code, number), default="")

    def dominant(self, number: int) -> str:
        """The country the names other than group `number` are mostly in, or "" when none leads."""
        if number not in self.dominants:
            self.dominants[number] = self._dominant(number)
        return self.dominants[number]

    def _dominant(self, number: int) -> str:
        """The uncached `dominant`."""
        total = max(sum(self.countries.values()) - self.own_totals.get(number, 0.0), 0.0)
        leaders = sorted(self.countries, key=self.countries.__getitem__, reverse=True)[:LEADERS]
        best, code = max(((self._others(self.countries, c, number), c) for c in leaders), default=(0.0, ""))
        return code if best >= DOMINANT_SUPPORT and best >= DOMINANT_SHARE * total else ""

    def _nearby(self, entry: GeoEntry, number: int) -> float:
        """For each other group, the closeness of its nearest likely place; summed."""
        best: dict[int, float] = {}
        cos_lat = math.cos(math.radians(entry.latitude))
        for latitude, longitude, strength, group in self.points:
            if group == number:
                continue
            # An equirectangular distance is close enough at these scales and far cheaper.
            distance = 111.2 * math.hypot(latitude - entry.latitude, (longitude - entry.longitude) * cos_lat)
            if distance < NEAR_CUTOFF_KM:
                closeness = strength * math.exp(-distance / NEAR_KM)
                if closeness > best.get(group, 0.0):
                    best[group] = closeness
        return sum(best.values())


def _similarity(key: str, other: str) -> float:
    """How alike two name keys are, as written or with their romanisation variants folded."""
    return max(fuzz.ratio(key, other), fuzz.ratio(fold_transliteration(key), fold_transliteration(other)))


def _named_areas(toponym: Toponym, matches: Sequence[NameMatch]) -> list[GeoEntry]:
    """Countries, admin-1 divisions and continents the bare name is the own name of."""
    if _wants_kind(toponym):
        return []
    return [
        match.entry
        for match in matches
        if match.kind == NameKind.NAME and match.entry.feature_code in AREA_CODES
    ]


def _is_shadowed(match: NameMatch, areas: Sequence[GeoEntry]) -> bool:
    """True for a town or county reached by an alternate name that is a same-named area's own name.

    The seat of the same-named admin-1 division is not shadowed ("Hama" is the city of Ḩamāh as
    much as its governorate; the bare name of a seat means the town, the ranker's `same_name_admin`).
    """
    entry = match.entry
    if not areas or entry.feature_code in AREA_CODES or match.kind == NameKind.NAME:
        return False
    return not any(_is_own_seat(entry, area) for area in areas)


def _own_name_towns(matches: Sequence[NameMatch]) -> dict[str, int]:
    """The population of the largest town of each country that bears the name as its own name."""
    largest: dict[str, int] = {}
    for match in matches:
        entry = match.entry
        if match.kind == NameKind.NAME and entry.feature_class == "P":
            largest[entry.country_code] = max(largest.get(entry.country_code, 0), entry.population)
    return largest


def _is_town_shadowed(match: NameMatch, own_towns: dict[str, int]) -> bool:
    """True for a town reached by an alternate name that a town of its country bears as its own.

    Seats and capitals keep their alternate names (exonyms), and so does a town far larger than every
    town bearing the name (see `TOWN_SHADOW_SIZE`), and a short form of the town's own name ("Glen"
    for Glen Estates).
    """
    entry = match.entry
    if match.kind != NameKind.ALTERNATE or entry.feature_class != "P" or entry.feature_code in SEAT_CODES:
        return False
    if set(match.key.split()) <= set(name_key(entry.name).split()):
        return False
    largest = own_towns.get(entry.country_code)
    return largest is not None and entry.population < TOWN_SHADOW_SIZE * max(largest, 1)


def _is_own_seat(entry: GeoEntry, area: GeoEntry) -> bool:
    """True for the seat town of the admin-1 division `area`."""
    return (area.feature_code == "ADM1" and entry.feature_code in SEAT_CODES
            and (entry.country_code, entry.admin1_code) == (area.country_code, area.admin1_code))


def _is_namesake(match: NameMatch, areas: Sequence[GeoEntry]) -> bool:
    """True for a town or county named as a country, or as an admin-1 of its country, outside that area."""
    entry = match.entry
    # A national capital ("Washington") is a name in its own right, not a namesake.
    if match.kind != NameKind.NAME or entry.feature_code in AREA_CODES or entry.feature_code == "PPLC":
        return False
    return any(_may_shadow(area, entry) and not _contains(area, entry) for area in areas)


def _may_shadow(area: GeoEntry, entry: GeoEntry) -> bool:
    """True when the area is a country or an admin-1 of the entry's own country."""
    return area.feature_code == "PCLI" or (
        area.feature_code == "ADM1" and area.country_code == entry.country_code
    )


def _is_state_demonym(match: NameMatch, matches: Sequence[NameMatch]) -> bool:
    """True for an admin-1 reached by a demonym that is also a country's demonym ("Georgian")."""
    return (
        match.kind == NameKind.DEMONYM
        and match.entry.feature_code == "ADM1"
        and any(other.kind == NameKind.DEMONYM and other.entry.feature_code == "PCLI" for other in matches)
    )


def _plausible_containers(containers: list[GeoEntry], matches: Sequence[NameMatch]) -> list[GeoEntry]:
    """The partners that can contain the name: none when it is itself an admin-1 of their country,
    and no country when it is itself a country.

    "California, Colorado" is a list of two states, not a place called California in Colorado; a
    country's own name before another country is a list of two countries too (a country's name before
    a state, "Mexico, N.Y.", is still a town in that state).
    """
    countries = {
        match.entry.country_code
        for match in matches
        if match.kind == NameKind.NAME and match.entry.feature_code == "ADM1"
    }
    is_country = any(match.kind == NameKind.NAME and match.entry.feature_code == "PCLI" for match in matches)
    return [
        container
        for container in containers
        if container.country_code not in countries and not (is_country and container.feature_code == "PCLI")
    ]


def _wants_kind(toponym: Toponym) -> str:
    """The kind of area the designator asks for; "" for none and for "airport", said of a town too."""
    wants = toponym.wants()
    return "" if wants == "airport" else wants


def _entry_features(entry: GeoEntry, largest: int) -> dict[str, float]:
    """The population and type features of an entry; `largest` is the most populous option's."""
    features = {"population": math.log10(entry.population + 1)}
    if feature := TYPE_FEATURES.get(entry.feature_code):
        features[feature] = 1.0
    if entry.feature_class == "P":
        features["town"] = 1.0
    if entry.population <= 0:
        features["no_population"] = 1.0
    elif entry.population == largest:
        features["largest"] = 1.0
    return features


def _designator_fit(toponym: Toponym, entry: GeoEntry) -> dict[str, float]:
    """How well the entry's type fits the area word attached to the name (`designator_fit` or
    `designator_misfit`)."""
    wants = toponym.wants()
    if not wants:
        return {}
    kind = {"ADM1": "admin1", "ADM2": "admin2", AIRPORT_CODE: "airport"}.get(
        entry.feature_code, "town" if entry.feature_class == "P" else ""
    )
    if kind == wants:
        return {"designator_fit": 1.0}
    # A town named before "airport" is the town the airport serves when no airport is known by it.
    return {} if wants == "airport" else {"designator_misfit": 1.0}


def _contains(container: GeoEntry, entry: GeoEntry) -> bool:
    """True when `entry` lies inside the country or admin-1 division `container`."""
    if container.country_code != entry.country_code or container.geonameid == entry.geonameid:
        return False
    return container.feature_code == "PCLI" or container.admin1_code == entry.admin1_code


def _adopt_longer_names(groups: Sequence[Group], threshold: float) -> None:
    """A name left without a fitting entry takes the one of a longer name it opens in the article.

    "the fall of Mazar" after "Mazar-i-Sharif", "Deir" after "Deir ez-Zor": a short form of a name
    written in full elsewhere, rather than a namesake abroad.
    """
    resolved = [
        (name_key(group.sample.key), pick)
        for group in groups
        if (pick := group.pick()) is not None and not pick.stray and pick.score >= threshold
    ]
    for group in groups:
        pick = group.pick()
        if pick is not None and not pick.stray:
            continue
        key = name_key(group.sample.key) + " "
        longer = [option for name, option in resolved if name.startswith(key)]
        if key.strip() and len({option.entry.geonameid for option in longer}) == 1:
            group.options.insert(0, replace(longer[0]))


def _rescore(group: Group, support: Support, number: int, weights: RankerWeights) -> None:
    """Score the group's options with the current evidence and sort them best first."""
    for option in group.options:
        option.context = support.context(option, number)
        option.score = option.prior + weights.score(option.context) + (STRAY_MALUS if option.stray else 0.0)
    group.options.sort(key=lambda option: -option.score)


def _resolution(toponym: Toponym, group: Group, threshold: float) -> Resolution:
    """The resolution of one member of a group: unresolved when its best score is below `threshold`."""
    pick = group.pick()
    entry = pick.entry if pick is not None and pick.score >= threshold and not pick.stray else None
    return Resolution(
        toponym, entry, tuple(option.entry for option in group.options), round(group.confidence(), 4)
    )

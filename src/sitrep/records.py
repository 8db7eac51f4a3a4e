"""Typed records: the only things that cross a stage boundary.

Every record is a frozen, slotted dataclass, cheap to pickle and safe to share between processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from sitrep.codec import REFERENCE


class SkipReason(StrEnum):
    """Why an input was not stored; each reason carries the fix in `SKIP_FIXES`."""

    NOT_FOUND = "not-found"
    UNREADABLE = "unreadable"
    EMPTY = "empty"
    BINARY = "binary"
    UNDECODABLE = "undecodable"
    TRUNCATED_GZIP = "truncated-gzip"
    INVALID_JSON = "invalid-json"
    MISSING_TEXT = "missing-text"
    TOO_LARGE = "too-large"
    BAD_DATE = "bad-date"
    NO_CONTENT = "no-content"
    UNREACHABLE = "unreachable"
    READER_ERROR = "reader-error"
    UNSTORABLE = "unstorable"


SKIP_FIXES: dict[SkipReason, str] = {
    SkipReason.NOT_FOUND: "check the path; folders are read recursively",
    SkipReason.UNREADABLE: "check the file's permissions",
    SkipReason.EMPTY: "remove the file or give it an article's text",
    SkipReason.BINARY: "convert the document to text, HTML, JSON or a feed first",
    SkipReason.UNDECODABLE: "re-save the file as UTF-8",
    SkipReason.TRUNCATED_GZIP: "re-create or re-download the .gz file; records before the cut were kept",
    SkipReason.INVALID_JSON: "make each line one complete JSON object",
    SkipReason.MISSING_TEXT: "give the record a non-empty 'text' field",
    SkipReason.TOO_LARGE: "split the document or raise --max-bytes",
    SkipReason.BAD_DATE: "write the date as ISO 8601, e.g. 2021-08-11 or 2021-08-11T09:30:00+04:30",
    SkipReason.NO_CONTENT: "check that the page or feed holds an article's text",
    SkipReason.UNREACHABLE: "check the address and the network, or ingest a saved copy of the page",
    SkipReason.READER_ERROR: "the reader failed on this document (a sitrep bug): report it with the detail",
    SkipReason.UNSTORABLE: "the database refused this article; the detail says why (others were stored)",
}


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, stored once under the hash of its normalised text.

    `published_at` is a `datetime` when the input gave the time of day, a `date` when it gave
    only the day, and None when the publication date is unknown (never "today" by default).
    `published_precision` says how much of it is known (day, month or year: "2024-12" is stored
    as 2024-12-01 with month precision; None with a date means day) and `published_from` where
    it came from: "metadata" (a JSON field), "header" (a text header), "page" (HTML), "feed" or
    "url" (a date in the URL's path); None for articles stored before these were recorded.
    `text` may begin with the title: offsets of later stages point into `text` as stored.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: date | None = None
    language: str | None = None
    language_detected: bool = False
    is_summary: bool = False
    input: str = ""
    format: str = ""
    fetched_at: datetime | None = None
    published_precision: TimePrecision | None = None
    published_from: str | None = None

    @property
    def published_on(self) -> date | None:
        """The publication day, whether or not the time of day is known."""
        if isinstance(self.published_at, datetime):
            return self.published_at.date()
        return self.published_at

    @property
    def anchor_day(self) -> date | None:
        """The day relative dates ("on Friday", "yesterday") count from: only a date known to the day."""
        if self.published_precision not in (None, TimePrecision.DAY):
            return None
        return self.published_on


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was read but not stored, with the reason and what to do about it."""

    input: str
    reason: SkipReason
    detail: str = ""

    @property
    def fix(self) -> str:
        """The remedy for this kind of skip."""
        return SKIP_FIXES[self.reason]


@dataclass(frozen=True, slots=True)
class SkippedEntry:
    """A skipped input as the store keeps it: first and last time seen and how often."""

    input: str
    reason: SkipReason
    detail: str
    first_seen: datetime
    last_seen: datetime
    times: int


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An article whose text was already stored, from this or an earlier run."""

    input: str
    article_id: str


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What one transactional write did: ids stored and articles that were duplicates."""

    stored: tuple[str, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()
    skipped: tuple[Skipped, ...] = ()  # articles the database refused, each with its reason


@dataclass(slots=True)
class IngestSummary:
    """Counts of one ingest run, filled in as batches are written."""

    stored: int = 0
    extracted: int = 0
    fused: int = 0
    duplicates: list[Duplicate] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    # Stored articles whose extraction is empty, by why ("not-extracted: language ar": no pipeline).
    not_extracted: dict[str, int] = field(default_factory=dict)

    @property
    def read(self) -> int:
        """Every document read: stored, duplicate or skipped."""
        return self.stored + len(self.duplicates) + len(self.skipped)

    def skipped_by_reason(self) -> dict[str, int]:
        """Skip counts keyed by reason, in the order of `SkipReason`."""
        counts = {reason.value: 0 for reason in SkipReason}
        for item in self.skipped:
            counts[item.reason.value] += 1
        return {reason: n for reason, n in counts.items() if n}


# --- Extraction records: every mention points into `Article.text` with [start, end) offsets
# --- and names the component (name.vVERSION) that produced it.


class TimePrecision(StrEnum):
    """How precise a normalised date is (ACLED's time_precision: day 1, week 2, month 3)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class Modality(StrEnum):
    """Whether the text says the event happened, and on whose word."""

    ASSERTED = "asserted"
    REPORTED = "reported"
    CLAIMED = "claimed"
    DENIED = "denied"
    THREATENED = "threatened"
    PLANNED = "planned"
    HYPOTHETICAL = "hypothetical"

    @property
    def is_factual(self) -> bool:
        """Whether the text says the event happened: asserted, reported or claimed (on different words).

        The one definition every component reads: fusion merges factual mentions together, the
        control map and the default listings take only them.
        """
        return self in (Modality.ASSERTED, Modality.REPORTED, Modality.CLAIMED)


# The modalities that say an event happened, in the enumeration's order.
FACTUAL_MODALITIES: tuple[Modality, ...] = tuple(modality for modality in Modality if modality.is_factual)


# GeoNames' feature class of spots and buildings (an airport, a dam, a base): no town of its own.
FACILITY_CLASS = "S"


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One gazetteer record: a populated place, an admin-1 division or a country."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    country_code: str
    country: str
    admin1_code: str = ""
    admin1: str = ""
    feature_class: str = "P"
    feature_code: str = "PPL"
    population: int = 0
    admin2: str = ""


@dataclass(frozen=True, slots=True)
class HomeShare:
    """The share of an outlet's local reporting in one country (admin-1 fields empty) or division."""

    country_code: str
    share: float
    admin1_code: str = ""
    admin1: str = ""


@dataclass(frozen=True, slots=True)
class OutletHome:
    """Where an outlet usually reports from, learned from the places of its other articles.

    `articles` counts the outlet's articles that named a local place (a town or county resolved
    with confidence) and `weight` sums them, each weighted by how unambiguous its places' names
    are; `countries` and `admin1` give, best first, the share of that weight in each area.
    """

    outlet: str
    articles: int
    weight: float
    countries: tuple[HomeShare, ...] = ()
    admin1: tuple[HomeShare, ...] = ()


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A named actor, person or organisation; `actor` is the dictionary name when known."""

    article_id: str
    start: int
    end: int
    text: str
    label: str
    component: str
    actor: str | None = None
    actor_type: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place name and the gazetteer entry it resolves to, or None when unresolved.

    `candidates` keeps the entries that were weighed (best first) and `score` the confidence of
    the pick; `geo_precision` is ACLED's (1 town, 2 part of a region, 3 region or country).
    A store keeps the candidates as gazetteer ids and reads them back from the gazetteer
    (`sitrep.store.article_rows.extraction_document`); `entry` is kept whole.
    """

    article_id: str
    start: int
    end: int
    text: str
    component: str
    entry: GeoEntry | None = None
    candidates: tuple[GeoEntry, ...] = field(default=(), metadata={REFERENCE: True})
    score: float = 0.0
    geo_precision: int | None = None


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression normalised against the publication date.

    `value` is a TIMEX3-style string (`2021-08-11`, `2021-W32`, `2021-08`, `2021`, also quarters,
    seasons, decades, `PAST_REF`/`PRESENT_REF`/`FUTURE_REF` and ISO intervals) or None when the
    expression could not be anchored (no publication date for a relative expression).
    `first_day`/`last_day` are the days it covers; they may be narrower than the value ("early
    May" covers 1-10 May of `2021-05`) or open at one end (`PAST_REF`).
    """

    article_id: str
    start: int
    end: int
    text: str
    component: str
    value: str | None
    precision: TimePrecision
    first_day: date | None = None
    last_day: date | None = None


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event as one article tells it: type, trigger, roles, modality and confidence.

    `location` is the place where this event happened (not every place in the sentence).
    """

    article_id: str
    start: int
    end: int
    text: str
    component: str
    event_type: str
    sub_event_type: str
    modality: Modality
    confidence: float
    actor1: EntityMention | None = None
    actor2: EntityMention | None = None
    location: PlaceMention | None = None
    time: TimeMention | None = None
    fatalities: int | None = None
    sentence_start: int = 0
    sentence_end: int = 0


@dataclass(frozen=True, slots=True)
class Claim:
    """A quantity about a subject ("9 of 34 provincial capitals") and who it is attributed to.

    `qualifier` is the hedge ("over", "at least", "about", "between", "rank"), `predicate` what is
    said of the subject ("displaced", "control"), `value_max` the upper bound of a range.
    """

    article_id: str
    start: int
    end: int
    text: str
    component: str
    value: float
    unit: str
    subject: str
    qualifier: str = ""
    total: float | None = None
    predicate: str = ""
    value_max: float | None = None
    attributed_to: str | None = None
    attribution_start: int | None = None
    attribution_end: int | None = None
    modality: Modality = Modality.ASSERTED


@dataclass(frozen=True, slots=True)
class Quote:
    """Words in quotation marks, with the speaker (resolved through "he said" where possible)."""

    article_id: str
    start: int
    end: int
    text: str
    component: str
    speaker: str | None
    verb: str | None
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article, and which components produced it.

    `failure` says why extraction failed (then nothing was extracted); None when it succeeded.
    """

    article_id: str
    components: tuple[str, ...]
    entities: tuple[EntityMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    times: tuple[TimeMention, ...] = ()
    events: tuple[EventMention, ...] = ()
    claims: tuple[Claim, ...] = ()
    quotes: tuple[Quote, ...] = ()
    failure: str | None = None


@dataclass(frozen=True, slots=True)
class CodedEvent:
    """An event mention coded the way ACLED users load events, with its evidence.

    `event_date` falls back to the publication day when the text gives no date (then
    `time_precision` is 2, "within that week"); `notes` is the sentence that says it, and
    `evidence_start`/`evidence_end` are that sentence's offsets in the article's text.
    """

    article_id: str
    trigger_start: int
    trigger_end: int
    trigger: str
    component: str
    event_type: str
    sub_event_type: str
    modality: Modality
    confidence: float
    event_date: date | None
    time_precision: int | None
    actor1: str | None
    actor1_type: str | None
    actor2: str | None
    actor2_type: str | None
    country: str | None
    country_code: str | None
    admin1: str | None
    location: str | None
    geonameid: int | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    source: str | None
    evidence_start: int
    evidence_end: int
    notes: str


# --- Fused records: what many articles say together. Each keeps the mentions it was built from,
# --- so every figure can be traced to an article, its outlet and its offsets.


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    """What fusion knows of one article: outlet, day, weighted terms and blocking keys.

    `terms` are (term, weight) pairs of an L2-normalised vector, heaviest first; `keys` are the
    blocking keys (names, places, event kinds) under which similar articles are looked up.
    """

    article_id: str
    source: str | None
    published_on: date | None
    title: str
    terms: tuple[tuple[str, float], ...]
    keys: tuple[str, ...]
    component: str


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about the same news, from one or many outlets; `story_id` is stable for a membership."""

    story_id: str
    title: str
    article_ids: tuple[str, ...]
    sources: tuple[str, ...]
    first_day: date | None
    last_day: date | None
    component: str


@dataclass(frozen=True, slots=True)
class FieldValue:
    """One value of a field of a fused record and the articles that give it."""

    value: str
    article_ids: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A field on which the mentions of one event differ ("event_date", "location", "fatalities")."""

    field: str
    values: tuple[FieldValue, ...]


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event: the reconciled fields and every mention that reports it.

    `sources` are the distinct outlets; `independent_sources` counts syndicated copies of one text
    once; `disagreements` keeps what the mentions do not agree on. The ACLED-style fields are the
    reconciled values (the most supported, ties to the most precise).
    """

    event_id: str
    component: str
    event_type: str
    sub_event_type: str
    modality: Modality
    confidence: float
    event_date: date | None
    time_precision: int | None
    actor1: str | None
    actor1_type: str | None
    actor2: str | None
    actor2_type: str | None
    country: str | None
    country_code: str | None
    admin1: str | None
    location: str | None
    geonameid: int | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    sources: tuple[str, ...]
    independent_sources: int
    mentions: tuple[CodedEvent, ...]
    disagreements: tuple[Disagreement, ...] = ()
    story_id: str | None = None
    # An analyst's corrections in force (`fuse.corrections`): each keeps the machine's value.
    corrections: tuple[AppliedCorrection, ...] = ()
    rejected: bool = False  # an analyst rejected it: kept, but left out of control, lists and the map

    @property
    def corrected(self) -> bool:
        """Whether an analyst corrected or rejected this event."""
        return bool(self.corrections)

    @property
    def article_ids(self) -> tuple[str, ...]:
        """The articles that report this event, each once, in mention order."""
        return tuple(dict.fromkeys(mention.article_id for mention in self.mentions))


class CorrectionField(StrEnum):
    """What an analyst's correction changes: a field of an event, a place's control, an article."""

    REJECTED = "rejected"
    EVENT_DATE = "event_date"
    PLACE = "place"
    ACTOR1 = "actor1"
    ACTOR2 = "actor2"
    SUB_EVENT_TYPE = "sub_event_type"
    CONTROL = "control"
    UNRELIABLE = "unreliable"


@dataclass(frozen=True, slots=True)
class Correction:
    """One analyst's correction as stored: who, when, why, of what, and the machine's value.

    `target` is an event id (event fields), a geonameid (control) or an article id (unreliable);
    `anchors` are the event's mention keys (article:start:end:geonameid) when it was corrected, so the
    correction finds its event after the id changes. A place correction carries its gazetteer
    entry in `place`; a control correction its actor in `value` ("" for unknown) and its days in
    `start`/`end` (None: still). `undone_at` is set when it was undone (it is kept for the record).
    """

    correction_id: int
    target: str
    field: CorrectionField
    value: str
    machine_value: str | None
    author: str
    reason: str
    created_at: datetime
    anchors: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    place: GeoEntry | None = None
    value_type: str | None = None  # the event type of a sub-event type, the actor type of an actor
    undone_at: datetime | None = None
    undone_by: str | None = None

    @property
    def active(self) -> bool:
        """Whether the correction is in force (not undone)."""
        return self.undone_at is None


@dataclass(frozen=True, slots=True)
class AppliedCorrection:
    """A correction as an event carries it: the field, the machine's value and the analyst's."""

    correction_id: int
    field: CorrectionField
    machine_value: str | None
    value: str
    author: str
    reason: str


class ClaimVerdict(StrEnum):
    """How the values of one claim group compare across sources."""

    SINGLE = "single"
    AGREE = "agree"
    DIFFER = "differ"
    CONFLICT = "conflict"


@dataclass(frozen=True, slots=True)
class ClaimValue:
    """One source's value in a claim group, with the words that state it."""

    article_id: str
    source: str | None
    published_on: date | None
    value: float
    value_max: float | None
    qualifier: str
    total: float | None
    attributed_to: str | None
    start: int
    end: int
    text: str
    modality: Modality = Modality.ASSERTED


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """The same quantity about the same subject, as each source gives it, and a verdict."""

    group_id: str
    component: str
    subject: str
    unit: str
    predicate: str
    total: float | None
    verdict: ClaimVerdict
    values: tuple[ClaimValue, ...]
    first_day: date | None
    last_day: date | None


@dataclass(frozen=True, slots=True)
class QuoteSource:
    """One outlet's wording of a quote."""

    article_id: str
    source: str | None
    published_on: date | None
    start: int
    end: int
    text: str
    speaker: str | None
    verb: str | None


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """One thing someone said, recognised across outlets that word it differently."""

    group_id: str
    component: str
    speaker: str | None
    text: str
    members: tuple[QuoteSource, ...]


class ControlState(StrEnum):
    """Who holds a place over a period: one actor, a fight between actors, or not known."""

    CONTROLLED = "controlled"
    CONTESTED = "contested"
    UNKNOWN = "unknown"


class ControlBasis(StrEnum):
    """What a control period rests on: a report of a change, or only a starting assumption."""

    EVIDENCED = "evidenced"  # a reported change (capture, retaking, withdrawal, fighting)
    # A reported state with no change ("the rebel-held town"), or the side a capture was taken from.
    REPORTED = "reported"
    BASELINE = "baseline"  # the analyst's baseline file
    PRESUMED = "presumed"  # no report: the recognised government holds its admin-1 seats
    CORRECTED = "corrected"  # an analyst set it (`fuse.corrections`)


@dataclass(frozen=True, slots=True)
class ControlPeriod:
    """A place held by `actor` (or contested, or unknown) from `start` to `end` (None: still).

    `event_ids` are the events that justify the change that opens the period; `corroborated` is
    False when that change rests on one independent source only; `denied_by` are events that deny it;
    `basis` says whether the period is evidenced by a report or only presumed (see `ControlBasis`).
    """

    geonameid: int
    place: str
    country: str | None
    country_code: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    admin1_seat: bool
    state: ControlState
    actor: str | None
    start: date
    end: date | None
    event_ids: tuple[str, ...]
    sources: tuple[str, ...]
    corroborated: bool
    denied_by: tuple[str, ...] = ()
    component: str = ""
    basis: ControlBasis = ControlBasis.EVIDENCED
    correction: AppliedCorrection | None = None  # the analyst's, when `basis` is corrected


@dataclass(frozen=True, slots=True)
class TallyCheck:
    """A reported tally ("nine of the 34 provincial capitals") beside what the events imply."""

    group_id: str
    actor: str | None
    subject: str
    as_of: date
    reported: tuple[ClaimValue, ...]
    total: float | None
    implied: int
    implied_places: tuple[str, ...]
    agrees: bool


@dataclass(frozen=True, slots=True)
class DailyHoldings:
    """How many places each actor controls on one day (for the places-held chart)."""

    day: date
    counts: tuple[tuple[str, int], ...]

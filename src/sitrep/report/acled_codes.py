"""ACLED's derived codes for an exported event: inter codes, interaction, disorder type, ISO number, region.

Conventions of ACLED's codebook (the numeric form of `inter1`, `inter2` and `interaction`):
- inter codes by actor type: 1 state forces, 2 rebel groups, 3 political militias, 4 identity
  militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces; 0 when there is no
  actor or its type is unknown (sitrep does not guess a type for a free-text actor);
- interaction: the two inter codes as one number, the lower first (12, 17, 28); an event with one
  coded actor is that actor's code times ten ("sole" activity: 20 for rebels alone); 0 with none;
- disorder type by event type: Battles, Explosions/Remote violence and Violence against civilians
  are political violence; Protests and Riots are demonstrations, except that mob violence is
  political violence and excessive force against protesters is both ("Political violence;
  Demonstrations"); Strategic developments are their own type;
- civilian targeting: "Civilian targeting" when civilians are the target (violence against
  civilians, or a second actor of type Civilians), else empty.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import pycountry
import yaml

INTER_CODES = {
    "State forces": 1, "Rebel group": 2, "Political militia": 3, "Identity militia": 4, "Rioters": 5,
    "Protesters": 6, "Civilians": 7, "External/Other forces": 8,
}
CIVILIANS = 7
POLITICAL_VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC = "Strategic developments"
DISORDER_BY_EVENT_TYPE = {
    "Battles": POLITICAL_VIOLENCE, "Explosions/Remote violence": POLITICAL_VIOLENCE,
    "Violence against civilians": POLITICAL_VIOLENCE, "Protests": DEMONSTRATIONS, "Riots": DEMONSTRATIONS,
    "Strategic developments": STRATEGIC,
}
DISORDER_BY_SUB_EVENT_TYPE = {
    "Mob violence": POLITICAL_VIOLENCE,
    "Excessive force against protesters": f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}",
}
REGIONS_FILE = "acled_regions.yaml"


def inter_code(actor: str | None, actor_type: str | None) -> int:
    """ACLED's inter code of an actor (0: no actor, or a type ACLED does not define)."""
    return INTER_CODES.get(actor_type or "", 0) if actor else 0


def interaction(inter1: int, inter2: int) -> int:
    """The two inter codes as one number, lower first; one actor alone is its code times ten."""
    codes = sorted(code for code in (inter1, inter2) if code)
    if len(codes) == 2:
        return codes[0] * 10 + codes[1]
    return codes[0] * 10 if codes else 0


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type of an event type (sitrep's own types count as strategic developments)."""
    return DISORDER_BY_SUB_EVENT_TYPE.get(sub_event_type) or DISORDER_BY_EVENT_TYPE.get(event_type, STRATEGIC)


def civilian_targeting(event_type: str, inter2: int) -> str:
    """"Civilian targeting" when civilians are the target of the event, else ""."""
    return "Civilian targeting" if event_type == "Violence against civilians" or inter2 == CIVILIANS else ""


def iso_numeric(country_code: str | None) -> int | None:
    """The ISO 3166 numeric code of a country given by its alpha-2 code (None when unknown)."""
    entry = pycountry.countries.get(alpha_2=country_code) if country_code else None
    return int(entry.numeric) if entry is not None else None


def iso_alpha3(country_code: str | None) -> str | None:
    """The ISO 3166 alpha-3 code of a country given by its alpha-2 code (None when unknown)."""
    entry = pycountry.countries.get(alpha_2=country_code) if country_code else None
    return str(entry.alpha_3) if entry is not None else None


def acled_region(country_code: str | None) -> str | None:
    """ACLED's region of a country given by its alpha-2 code (`data/acled_regions.yaml`)."""
    return regions().get((country_code or "").upper())


@cache
def regions() -> dict[str, str]:
    """Every alpha-2 code with its ACLED region, read once from the data file."""
    text = (resources.files("sitrep.data") / REGIONS_FILE).read_text(encoding="utf-8")
    listed: dict[str, list[str]] = yaml.safe_load(text)
    return {str(code): region for region, codes in listed.items() for code in codes}

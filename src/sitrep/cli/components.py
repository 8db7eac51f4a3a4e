"""`sitrep components`: the extraction components of each language, in pipeline order, with their scorers."""

from __future__ import annotations

from typing import Any

import click

from sitrep.cli.extraction_options import extraction_options
from sitrep.cli.options import json_option
from sitrep.cli.render import print_json
from sitrep.cli.tables import Listing, print_listing
from sitrep.config import ExtractionConfig
from sitrep.extract.routing import LANGUAGES


def components_report(config: ExtractionConfig, languages: tuple[str, ...] = ()) -> dict[str, Any]:
    """Each language's components (model first), the event article passes and the config in force.

    Imported here: the component modules load spaCy's code (never a model: its meta is read alone).
    """
    from sitrep.extract.registry import article_passes, components

    return {
        "config": config.describe(),
        "languages": {
            language: [{"step": item.step, "name": item.name, "version": item.version,
                        "component": item.label, "requires": list(item.requires), "assigns": item.assigns,
                        "scorers": list(item.scorers), "does": item.does}
                       for item in components(language, model=config.model)]
            for language in languages or tuple(LANGUAGES)
        },
        "article_passes": [{"name": name, "does": does} for name, does in article_passes()],
    }


@click.command("components")
@click.option("--language", "language", type=click.Choice(sorted(LANGUAGES)), default=None,
              help="Only this language's pipeline (default: every language).")
@extraction_options
@json_option
def components_command(language: str | None, config: ExtractionConfig, as_json: bool) -> None:
    """List the extraction components in pipeline order: name, version, what each requires and
    assigns, and the `sitrep evaluate` tasks that score it; then the event component's article
    passes and the extraction settings in force (the same options as `ingest` and `extract`).
    """
    report = components_report(config, (language,) if language else ())
    if as_json:
        print_json(report)
        return
    for code, items in report["languages"].items():
        rows = [(item["step"], item["component"], ", ".join(item["requires"]) or "-", item["assigns"],
                 ", ".join(item["scorers"]) or "-") for item in items]
        print_listing(Listing(f"{code}: {len(rows)} components", ("step", "component", "requires", "assigns",
                                                                  "scored by"), rows))
    passes = [(str(number), item["name"], item["does"])
              for number, item in enumerate(report["article_passes"], start=1)]
    settings = tuple(f"{name}: {value}" for name, value in report["config"].items())
    print_listing(Listing(f"events: {len(passes)} article passes", ("", "pass", "what it does"), passes,
                          notes=("extraction settings in force:", *settings)))

"""The README documents what the code does: its settings table and skip reasons stay in step."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.config import SETTINGS
from sitrep.records import SKIP_FIXES, SkipReason

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_in_the_readme_with_its_default(setting: object) -> None:
    row = next((line for line in README.splitlines() if f"`{setting.env}`" in line), None)  # type: ignore[attr-defined]
    assert row is not None, f"README has no row for {setting.env}"  # type: ignore[attr-defined]
    assert f"`{setting.default}`" in row  # type: ignore[attr-defined]


@pytest.mark.parametrize("reason", list(SkipReason), ids=str)
def test_every_skip_reason_is_documented_with_a_fix(reason: SkipReason) -> None:
    assert f"| `{reason.value}` |" in README
    assert SKIP_FIXES[reason]

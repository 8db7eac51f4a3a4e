"""Helpers shared by the watch tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any


def api_fixtures() -> Any:
    """The invented, fused news of tests/api (test folders are not packages, so loaded by path)."""
    if "api_fixtures" in sys.modules:
        return sys.modules["api_fixtures"]
    path = Path(__file__).parents[1] / "api" / "api_fixtures.py"
    spec = importlib.util.spec_from_file_location("api_fixtures", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["api_fixtures"] = module
    spec.loader.exec_module(module)
    return module

"""Report: exports of coded events (ACLED-style CSV, JSON Lines, GeoJSON)."""

"""Extract: one `Article` to one `Extraction` (entities, places, dates, events, claims, quotes)."""

"""Time expressions: finding them in a parsed text and normalising them against the publication date."""

"""Data files shipped with sitrep: the event ontology and the actor dictionary (YAML)."""

"""The REST API (FastAPI) and the dashboard server that `sitrep serve` starts."""

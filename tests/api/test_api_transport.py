"""How answers travel: large JSON is compressed for clients that accept it, small answers are not."""

from __future__ import annotations

from pathlib import Path

from api_fixtures import build, client, filler_articles

from sitrep.store import open_store


def test_a_long_list_is_gzipped_when_the_client_accepts_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'transport.db'}"
    fixture = build(url)
    store = open_store(fixture.url)
    store.save_batch(filler_articles(120), [])
    store.close()
    with client(fixture.url) as api:
        long = api.get("/api/articles", params={"limit": 100}, headers={"Accept-Encoding": "gzip"})
        plain = api.get("/api/articles", params={"limit": 100}, headers={"Accept-Encoding": "identity"})
        small = api.get("/api/health", headers={"Accept-Encoding": "gzip"})
    assert long.headers["content-encoding"] == "gzip"
    assert long.json() == plain.json() and len(long.json()["items"]) == 100
    assert "content-encoding" not in plain.headers
    assert "content-encoding" not in small.headers

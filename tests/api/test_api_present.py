"""The JSON documents: an article's lead, and an article's text cut into highlighted pieces."""

from __future__ import annotations

from sitrep.api.present import LEAD_CHARS, article_summary, highlight_segments
from sitrep.records import Article


def test_the_lead_skips_a_title_the_text_repeats_and_says_when_it_is_cut() -> None:
    body = "Fighters entered the market town at dawn. " * 20
    article = Article(id="a" * 16, text="Market town taken\n\n" + body, title="Market town taken")
    lead = article_summary(article)["lead"]
    assert lead.startswith("Fighters entered") and lead.endswith("…")
    assert len(lead) == LEAD_CHARS + 1
    short = Article(id="b" * 16, text="One line only.", title="Another title")
    assert article_summary(short)["lead"] == "One line only."


def test_pieces_join_back_to_the_text_and_carry_the_most_specific_kind() -> None:
    text = "Rebels took Velmar on Tuesday, the governor said."
    spans = [{"kind": "quote", "start": 0, "end": 29, "label": "quote"},
             {"kind": "event", "start": 7, "end": 11, "label": "capture"},
             {"kind": "place", "start": 12, "end": 18, "label": "Velmar"}]
    pieces = highlight_segments(text, spans, evidence=(0, 30))
    assert "".join(piece["text"] for piece in pieces) == text
    kinds = {piece["text"]: piece["kind"] for piece in pieces}
    assert (kinds["took"], kinds["Velmar"], kinds["Rebels "]) == ("event", "place", "quote")
    assert kinds[" the governor said."] is None
    assert [piece["evidence"] for piece in pieces if piece["text"] == " the governor said."] == [False]
    assert all(piece["evidence"] for piece in pieces if piece["start"] < 29)

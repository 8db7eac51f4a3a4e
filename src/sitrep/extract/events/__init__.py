"""Event extraction by rules, one module per step (read them in this order):

    triggers    ontology trigger words and patterns found on the parse      -> Trigger
    arguments   actors at the roles a pattern names (subject, object, "by")  -> EntityMention
    places      the places a location argument names, lists, "the city"     -> PlaceArgument
    names       capitalised names no gazetteer knows that stand as places
    location    the event's place when no argument names it
    modality    asserted, reported, claimed, denied, threatened, planned...  -> Modality
    states      "rebel-held X": control said with no event verb
    fatalities  the number killed, read from the right phrase
    time        the date of the trigger's own clause
    context     article passes: anaphora, generic actors bound, modality adjusted
    scope       what is no event here: background, running tolls, other causes of death
    checks      completeness, ontology variants, repeats, confidence
    cues        the words of these steps, from data/lang/<code>/events.yaml

`extractor.EventExtractor` runs them: a `Draft` per trigger and place, then the article passes
listed in `extractor.ARTICLE_PASSES`, then one `EventMention` per surviving draft.
"""

from sitrep.extract.events.extractor import EventExtractor

__all__ = ["EventExtractor"]

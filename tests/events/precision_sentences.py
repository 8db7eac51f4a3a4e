"""Invented sentences for the precision tests: noise that must give no factual event, and controls."""

from __future__ import annotations

# Each sentence must yield no asserted, reported or claimed event (none at all, or only a
# planned, threatened or hypothetical one); statements are the exception handled in the tests.
NOISE = (
    "The envoy urged the country's leaders to fight for their homeland.",
    "Our soldiers must be willing to fight, the minister said on Monday.",
    "They have got to fight for themselves, the senator told reporters in Washington.",
    "The militia has been fighting to defeat the US-backed government for years.",
    "Local elders want the young men to fight for the valley.",
    "The volunteers are ready to fight if the border town is attacked.",
    "The ministers discussed the arrival of migrants in Europe on Tuesday.",
    "Refugees arriving in Germany face long waits for asylum hearings.",
    "The governor has to fight corruption in Herat.",
    "Aid workers said many families were seeking refuge in Kabul.",
    "European leaders fear a new wave of Afghan asylum seekers arriving in Europe.",
    "Officials worry about the arrival of Syrian refugees in Greece this winter.",
    "Families displaced by the war were seeking refuge in Kabul, the agency said.",
    "The president urged Afghan leaders to stand together.",
)

# (sentence, sub-event type) that must still be found as a factual event.
KEEP = (
    ("Taliban fighters clashed with government troops in Kunduz on Sunday.", "Armed clash"),
    ("Heavy fighting raged in Kandahar overnight, residents said.", "Armed clash"),
    ("The militia fought the army near the airport in Herat.", "Armed clash"),
    ("Rebels fought government forces for control of the highway.", "Armed clash"),
    ("The army and the rebels fought for hours on Sunday.", "Armed clash"),
    ("Clashes near the airport killed two guards, officials said.", "Armed clash"),
    ("Hundreds of soldiers were fighting outside the city.", "Armed clash"),
    ("Ashraf Ghani flew to Herat on Saturday.", "Visit"),
    ("Thousands of families fled Kunduz as the fighting spread.", "Displacement"),
    ("The Taliban captured Kandahar from the US-backed government.", "Non-state actor overtakes territory"),
)

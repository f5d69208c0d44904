"""Texts written by the project for the store tests: one wire report, its syndicated copies, and other
stories on the same topic."""

from __future__ import annotations

import datetime as dt

from eventwire.model import Article
from eventwire.pipeline import Pipeline

WIRE = (
    "Finnish President Sauli Niinisto met Swedish Prime Minister Magdalena Andersson in Helsinki on Monday "
    "to discuss a joint application to join NATO, officials said.\n\n"
    "The two leaders agreed to coordinate the timing of their requests, and Andersson said Sweden would "
    "decide within days. Russia warned both countries that joining the alliance would be a grave mistake "
    "with far-reaching consequences for security in northern Europe.\n\n"
    "Niinisto told reporters that Finland had informed Moscow of its plans and that the conversation with "
    "the Kremlin had been calm and direct. NATO Secretary-General Jens Stoltenberg welcomed the talks and "
    "said the alliance would process both applications quickly once they were submitted.\n\n"
    "Finland shares a border of more than 1,300 kilometres with Russia and had stayed out of military "
    "alliances for decades, but public support for membership rose sharply after the invasion of Ukraine."
)

# the same wire report as two outlets print it: their own headline, credit lines and promotion
COPY_A = ("By Wire Staff\n\n" + WIRE + "\n\nReporting by the wire desk; editing by the night editor.\n\n"
          "Sign up for our morning newsletter to get the top stories in your inbox.")
COPY_B = ("NORTHERN EUROPE EDITION\n\n" + WIRE.replace("officials said", "officials told reporters")
          + "\n\nCopyright 2022 The Daily Record. All rights reserved. Follow us on social media.")
# an outlet that ran only the first three paragraphs
TRIMMED = WIRE.rsplit("\n\n", 1)[0] + "\n\nMore to follow."

# different stories on the same topic (NATO enlargement): must not cluster with the wire report
OTHER = (
    "Turkey said on Friday it could not support the NATO membership bids of Finland and Sweden because "
    "both countries harboured Kurdish militants, raising a hurdle for the alliance's enlargement.\n\n"
    "President Recep Tayyip Erdogan told reporters in Istanbul that Ankara did not view the applications "
    "positively. Diplomats in Brussels said they expected talks with Turkey to resolve the dispute before a "
    "summit in Madrid next month."
)
OTHER2 = (
    "Swedish lawmakers debated on Tuesday whether to apply for NATO membership, with the governing Social "
    "Democrats expected to drop their long opposition to joining the alliance.\n\n"
    "The foreign minister said Sweden would stand with Finland. Moscow accused Stockholm of stoking tension "
    "in the Baltic region and promised a military and technical response."
)


def article(pipeline: Pipeline, text: str, name: str, published: dt.date, url: str | None = None,
            site: str | None = None) -> Article:
    return pipeline(text, id=name, published=published, url=url, source_name=site,
                    published_source="metadata")

"""Small inputs of every kind, written for the reader tests (web page, WARC, feeds, records, other languages)."""

from __future__ import annotations

import gzip
import io
import json

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbour talks resume in Valletta | The Coastal Ledger</title>
<meta property="og:title" content="Harbour talks resume in Valletta">
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="og:description" content="Fishing crews from two countries sat down again after a month of disputes over quotas.">
<meta property="article:published_time" content="2024-03-05T08:10:00+01:00">
<meta property="article:modified_time" content="2024-03-06T17:45:00+01:00">
<link rel="canonical" href="https://ledger.example.org/2024/03/05/harbour-talks-resume">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour talks resume in Valletta",
 "datePublished": "2024-03-05T08:10:00+01:00", "dateModified": "2024-03-06T17:45:00+01:00",
 "author": [{"@type": "Person", "name": "Mira Kessel"}, {"@type": "Person", "name": "Tomas Arvidsson"}],
 "publisher": {"@type": "Organization", "name": "The Coastal Ledger"}}
</script>
</head><body>
<nav><ul class="menu"><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/author/desk-editor">Desk Editor</a></li></ul></nav>
<article>
<header>
<h1>Harbour talks resume in Valletta</h1>
<p class="standfirst">Fishing crews from two countries sat down again after a month of disputes over quotas.</p>
<div class="byline">By <a href="/author/mira-kessel">Mira Kessel</a> and <a href="/author/tomas-arvidsson">Tomas Arvidsson</a>
<time datetime="2024-03-05T07:10:00Z">March 5, 2024</time></div>
</header>
<figure><img src="boats.jpg" alt="Boats"><figcaption>Boats in the harbour on February 27, 2024.</figcaption></figure>
<p>Negotiators from Malta and Italy met in Valletta on Tuesday to restart talks on fishing rights in the waters
between the two islands, a month after the last round broke down without an agreement.</p>
<p>The Maltese fisheries minister said both delegations wanted a deal before the summer season, when crews from
both sides work the same grounds and tempers often run high in the small ports along the coast.</p>
<p>Italian officials proposed a shared monitoring scheme in which inspectors from each country would board
vessels of the other, an idea that Maltese crews rejected last year as too intrusive for small family boats.</p>
<p>A further meeting is planned for April in Rome, where the two sides hope to sign a framework on quotas,
inspections and the handling of disputes at sea.</p>
</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/x">Storm closes the ferry route to Gozo for a day</a></li></ul></aside>
<footer><p>Copyright 2024 The Coastal Ledger. All rights reserved.</p><p>Contact the newsroom</p></footer>
</body></html>
"""

BODY_SENTENCE = "Negotiators from Malta and Italy met in Valletta on Tuesday"

GERMAN = ("Die Regierung in Berlin hat am Dienstag neue Regeln für die Fischerei in der Ostsee beschlossen. "
          "Nach Angaben des Ministeriums sollen die Fangquoten für Hering und Dorsch im kommenden Jahr deutlich "
          "sinken, weil die Bestände sich nicht erholt haben. Die Fischer an der Küste kritisierten die Entscheidung "
          "und forderten mehr Unterstützung vom Bund, da viele kleine Betriebe um ihre Existenz fürchten.")
FRENCH = ("Le gouvernement a présenté mardi un nouveau plan pour les ports de la côte atlantique. Selon le ministre, "
          "les travaux doivent commencer au printemps et durer deux ans. Les pêcheurs de la région ont salué une "
          "décision attendue depuis longtemps, mais ils demandent des garanties sur le financement des chantiers "
          "et sur la place des petits bateaux dans les ports rénovés.")
ENGLISH = ("The coast guard said on Monday that it had rescued eleven people from a fishing boat that lost power in "
           "a storm off the northern coast. The crew had been at sea for three days when their engine failed, and "
           "a passing cargo ship raised the alarm after spotting flares in the evening.")


def rss(items: list[str], title: str = "Coastal Ledger: World") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>{title}</title><link>https://ledger.example.org/</link>{''.join(items)}</channel></rss>").encode()


RSS_ITEMS = [
    "<item><title>Ferry strike ends</title><link>https://ledger.example.org/ferry</link>"
    "<guid>ledger-ferry-1</guid><pubDate>Tue, 05 Mar 2024 22:30:00 -0500</pubDate><author>desk@ledger.example.org (Ana Ruiz)</author>"
    "<description>Short teaser.</description>"
    "<content:encoded><![CDATA[<p>Ferry workers in Patras ended a week-long strike on Tuesday after the operator agreed to a pay rise.</p>"
    "<p>Services to the islands will resume on Wednesday morning, the union said.</p>]]></content:encoded></item>",
    "<item><title>Only a title and a link</title><link>https://ledger.example.org/empty</link></item>",
    "<item><title>Port reopens</title><link>https://ledger.example.org/port</link>"
    "<pubDate>Wed, 06 Mar 2024 09:00:00 GMT</pubDate>"
    "<description>&lt;p&gt;The port of Bari reopened to cargo ships on Wednesday after repairs to a damaged quay.&lt;/p&gt;</description></item>",
]

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ledger Atom</title><id>urn:ledger</id><updated>2024-03-07T10:00:00Z</updated>
<entry><title>Dock workers vote</title><id>urn:ledger:dock</id><link href="https://ledger.example.org/dock"/>
<published>2024-03-07T09:00:00+02:00</published><author><name>Lena Ortiz</name></author>
<content type="html">&lt;p&gt;Dock workers in Piraeus voted on Thursday to accept a new contract.&lt;/p&gt;</content></entry>
</feed>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY a "aaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
<!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
<rss version="2.0"><channel><title>t</title><item><title>&h;</title><description>&h;</description></item></channel></rss>"""


def external_entity(path: str) -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM "file://{path}">]>\n'
            '<rss version="2.0"><channel><title>t</title><item><title>x</title>'
            "<description>&secret;</description></item></channel></rss>").encode()


def warc(records: list[tuple[str, int, str, bytes]], gz: bool = True) -> bytes:
    """A WARC file (gzipped per record) with one request and one response per (url, status, type, body)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, status, ctype, body in records:
        req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "ledger.example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=req))
        headers = StatusAndHeaders(f"{status} {'OK' if status == 200 else 'Not Found'}",
                                   [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                        warc_headers_dict={"WARC-Date": "2024-03-08T12:00:00Z"})
        writer.write_record(rec)
    return out.getvalue()


def jsonl(records: list[dict]) -> bytes:  # type: ignore[type-arg]
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def gz(data: bytes) -> bytes:
    return gzip.compress(data)

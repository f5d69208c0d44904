"""Web-page boilerplate rules (ingest/webclean.py): what goes, and the article text that must stay."""

from __future__ import annotations

from lxml import html as lxml_html

from eventwire.ingest.html import parse_page
from eventwire.ingest.webclean import drop_boilerplate, is_furniture, paragraph_rule, prune_furniture

ARTICLE = [
    "The finance ministry said on Tuesday that it would cut the fuel subsidy by half from March, ending a decade of fixed prices.",
    "Opposition leaders called the decision reckless and said they would bring supporters into the streets of the capital.",
    "You can sign up for the new transport pass at any post office, the ministry added in a statement.",
    "A two-year subscription to the state broadcaster will also rise in price, officials said.",
    "More than 300 people gathered outside parliament on Wednesday evening, according to police.",
]


def test_reader_calls_links_labels_and_notes_are_boilerplate() -> None:
    assert paragraph_rule("Want more world news? Sign up for our free daily newsletter.") == "call-to-action"
    assert paragraph_rule("Install the Daily Courier app for free") == "call-to-action"
    assert paragraph_rule("[Want stories like this in your inbox? Create an account or log in.]") == "call-to-action"
    assert paragraph_rule("RELATED: Ministers meet again as strike enters second week") == "link"
    assert paragraph_rule("[Related: Why the fuel subsidy mattered]") == "link"
    assert paragraph_rule("Advertisement") == "label"
    assert paragraph_rule("Most read in Politics") == "label"
    assert paragraph_rule("This story originally appeared in the Valley Gazette and is republished with permission.") == "note"
    assert paragraph_rule("When you buy through links on our site, we may earn an affiliate commission.") == "note"


def test_reporting_that_mentions_subscriptions_or_related_matters_stays() -> None:
    for para in ARTICLE:
        assert paragraph_rule(para) is None, para
    assert paragraph_rule("Related talks between the two sides collapsed in May: neither would give ground.") is None
    assert paragraph_rule("Also on Monday, the court adjourned the case until June.") is None


def test_closing_apparatus_is_cut_only_at_the_end() -> None:
    notes = ["Footnotes", "[1] Ministry of Finance, annual budget statement, 2023, p. 12.", "[2] Interview with the author, May 2023."]
    assert drop_boilerplate(ARTICLE + notes) == ARTICLE
    # a 'Sources' heading early in a piece opens a section of the article, not its apparatus
    early = ARTICLE[:1] + ["Sources"] + ARTICLE[1:] * 3
    assert drop_boilerplate(early) == early


def test_furniture_is_pruned_but_never_the_article_block() -> None:
    body = "".join(f"<p>{p}</p>" for p in ARTICLE)
    page = (f"<html><body><div class='related-content'><article>{body}</article></div>"
            "<div class='newsletterSignup'><p>Get our newsletter every morning.</p></div>"
            "<ul class='most-read'><li><a href='/a'>Another story entirely</a></li></ul>"
            "<div role='dialog' class='c-globalModal'><p>Our editors choose every product.</p></div></body></html>")
    tree = lxml_html.fromstring(page)
    assert is_furniture(tree.xpath("//div[@class='newsletterSignup']")[0])
    assert prune_furniture(tree) == 3
    text = tree.text_content()
    assert all(p in text for p in ARTICLE)  # the block is kept even though its wrapper says 'related'
    assert "newsletter" not in text and "Another story" not in text and "editors choose" not in text


def test_page_body_has_no_furniture_or_reader_calls() -> None:
    body = "".join(f"<p>{p}</p>" for p in ARTICLE)
    page = (f"<html><head><title>Fuel subsidy cut by half</title></head><body><h1>Fuel subsidy cut by half</h1>"
            f"<article>{body}<p><em>Want more world news? Sign up for our free daily newsletter.</em></p>"
            "<aside class='promo-box'><p>Subscribers save 50% this month on every plan we offer to readers.</p></aside>"
            "</article></body></html>")
    text = parse_page(page).text
    assert all(p in text for p in ARTICLE)
    assert "Sign up" not in text and "Subscribers save" not in text

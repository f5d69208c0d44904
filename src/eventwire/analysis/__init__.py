"""Analysis over a stored database: filters, event queries, aggregates, escalation signals, reports."""

from eventwire.analysis.aggregates import dyads, escalation, series, top_actors, totals
from eventwire.analysis.filters import EventFilter
from eventwire.analysis.query import Page, Reader, codes

__all__ = ["EventFilter", "Page", "Reader", "codes", "dyads", "escalation", "series", "top_actors", "totals"]

"""Issue 3's actor-only measure on the PLOVER dev sentences (../shared): of the expected events whose source
text appears in the sentence, the share whose source the actor layer resolves to the right country/IGO."""

from __future__ import annotations

from eventwire.evaluate import source_actor_accuracy

FLOOR = 0.90  # measured 0.911 when pinned; raise it as the actor layer improves


def test_source_actor_accuracy_on_plover_dev(shared, pipeline):
    score = source_actor_accuracy(shared / "eval" / "plover_gsr_dev.jsonl", pipeline)
    assert score.checked >= 150
    assert score.accuracy >= FLOOR, (score.accuracy, score.misses[:10])

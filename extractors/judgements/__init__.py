"""Ofsted judgements: the `minutes_judgements` component (grade, polarity, subject, year)."""

from extractors.judgements.component import JudgementTagger, make_judgements_component

__all__ = ["JudgementTagger", "make_judgements_component"]

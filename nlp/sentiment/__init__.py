"""Sentence sentiment (investor's view) and claim/article stance.

``load_model()`` returns the shipped model in ``models/sentiment``: a fine-tuned MiniLM-L6
as an int8 ONNX graph when present, else frozen MiniLM-L6 features + a head kept as plain
arrays; ``claim_stance`` combines it with what a claim's own numbers say; ``article_stances``
aggregates an article's sentences per subject.
"""

from __future__ import annotations

from nlp.sentiment.model import (
    CLASSES,
    DEFAULT_MODEL_DIR,
    FinetunedSentimentModel,
    SentimentModel,
    SentimentModelError,
    SentimentResult,
    clean_text,
    load_model,
)
from nlp.sentiment.stance import article_stances, claim_stance, rule_stance

__all__ = [
    "CLASSES",
    "DEFAULT_MODEL_DIR",
    "FinetunedSentimentModel",
    "SentimentModel",
    "SentimentModelError",
    "SentimentResult",
    "article_stances",
    "claim_stance",
    "clean_text",
    "load_model",
    "rule_stance",
]

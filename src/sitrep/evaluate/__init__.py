"""Evaluation: score sitrep's output against the seeds gold and ACLED exports; gate on pinned floors."""

from sitrep.evaluate.acled import acled_rows_to_articles, read_acled_rows, sample_rows, score_acled
from sitrep.evaluate.seeds import score_seeds

__all__ = ["acled_rows_to_articles", "read_acled_rows", "sample_rows", "score_acled", "score_seeds"]

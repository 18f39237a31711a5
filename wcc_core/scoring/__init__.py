"""Scoring blocks of text against queries: shared by signposts and ratings."""

from wcc_core.scoring.bm25 import BlockKey, BlockScorer, InMemoryScorer, ScoredBlock, stem, terms

__all__ = ["BlockKey", "BlockScorer", "InMemoryScorer", "ScoredBlock", "stem", "terms"]

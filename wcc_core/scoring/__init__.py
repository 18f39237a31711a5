"""Scoring blocks of text against queries: shared by signposts and ratings."""

from wcc_core.scoring.bm25 import BlockAddress, BlockScorer, InMemoryScorer, ScoredBlock, stem, terms

__all__ = ["BlockAddress", "BlockScorer", "InMemoryScorer", "ScoredBlock", "stem", "terms"]

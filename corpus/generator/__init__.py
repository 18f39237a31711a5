"""The corpus generator: fictional PCT submissions that look like those of 2009/10.

    from corpus.generator import generate_submission, generate_corpus
    generate_submission("out/exampleshire", seed=2009, pages=180, name="NHS Exampleshire", code="5ZZ")
    generate_corpus("out/national", seed=1, pcts=152, pages=60)
"""

from corpus.generator.generate import GeneratedSubmission, generate_corpus, generate_submission

__all__ = ["GeneratedSubmission", "generate_corpus", "generate_submission"]

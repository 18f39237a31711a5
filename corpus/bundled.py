"""The bundled samples: where they are and the exact arguments that regenerate them."""

from __future__ import annotations

from pathlib import Path

SAMPLES = Path(__file__).with_name("samples")
EXAMPLESHIRE = SAMPLES / "exampleshire"
PROBLEMS = SAMPLES / "problems"

# `generate_submission(EXAMPLESHIRE, **EXAMPLESHIRE_ARGS)` reproduces the bundled sample byte for byte.
EXAMPLESHIRE_ARGS = {"seed": 2009, "pages": 180, "name": "NHS Exampleshire", "code": "5ZZ",
                     "sha": "Yorkshire and the Humber", "ons_cluster": "Centres with industry"}
PROBLEMS_SEED = 2010


def regenerate(root: Path = SAMPLES) -> None:
    """Rewrite both bundled samples under `root` (run `python -m corpus.bundled`)."""
    import shutil

    from corpus.generator import generate_submission
    from corpus.generator.problems import generate_problems

    for folder in (root / EXAMPLESHIRE.name, root / PROBLEMS.name):
        if folder.exists():
            shutil.rmtree(folder)
    generate_submission(root / EXAMPLESHIRE.name, **EXAMPLESHIRE_ARGS)
    generate_problems(root / PROBLEMS.name, PROBLEMS_SEED)


if __name__ == "__main__":
    regenerate()

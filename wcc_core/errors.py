"""One base class for every error a user can cause and fix.

Bad input (a submission.toml that cannot be read, a review file in the wrong shape, a
framework's data with an unknown key) raises a subclass of `WccError` wherever it is
found; the CLI's command group reports it once, as "Error: <message>" with the error's
exit code, never a traceback. The indexer knows nothing of wcc_core: the pipeline turns
its errors into `PipelineInputError`s at the boundary, naming the file.
"""

from __future__ import annotations


class WccError(Exception):
    """An error in what the user gave wcc: the message names the file and what is wrong."""

    exit_code = 2  # the code `wcc` uses for every usage or input error

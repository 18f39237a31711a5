"""wcc: the World Class Commissioning assurance toolkit.

Plugin authors write ``from wcc_core import hookimpl``.
"""

import pluggy

hookimpl = pluggy.HookimplMarker("wcc")

__all__ = ["hookimpl"]

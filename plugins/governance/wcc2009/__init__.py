"""The governance components of wcc-2009: strategy, finance, board, each a criteria.toml with its rating rule."""

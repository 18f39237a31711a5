"""Compiled report templates kept between runs, so `wcc report` does not compile them each time.

Jinja compiles a template to Python on first use: for the HTML briefing's templates
about 0.07 s of every `wcc report`. Jinja's own bytecode cache keeps the compiled code
in a file and uses it only while the template's source has the same checksum; the file
name here is also keyed by the Jinja version and the environment's options, which
change what the compiler writes. The files live in the user's cache folder
(`wcc_core.user_cache`); a folder that cannot be read or written only costs the compile.
Like Python's own `__pycache__`, the folder is trusted to hold what wcc wrote.
"""

from __future__ import annotations

import hashlib

import jinja2

from wcc_core.user_cache import cache_folder


def _compiler_options(environment: jinja2.Environment) -> str:
    """What, besides the source, decides the code Jinja compiles a template to."""
    e = environment
    return repr((jinja2.__version__, e.block_start_string, e.block_end_string, e.variable_start_string,
                 e.variable_end_string, e.comment_start_string, e.comment_end_string, e.line_statement_prefix,
                 e.line_comment_prefix, e.trim_blocks, e.lstrip_blocks, e.newline_sequence,
                 e.keep_trailing_newline, e.autoescape, e.optimized, e.finalize is not None, e.is_async,
                 sorted(e.extensions), e.undefined.__name__))


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file bytecode cache, keyed by the compiler's options too, and silent when the folder fails."""

    def __init__(self, environment_options: str, folder: str):
        super().__init__(folder, "%s.jinja")
        self.options = environment_options

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """Jinja's key (the template's name and file) with the compiler's options and version."""
        return hashlib.sha256(f"{self.options}|{name}|{filename}".encode()).hexdigest()

    def load_bytecode(self, bucket) -> None:
        """The compiled code when a file of this key holds it for this source; else nothing (Jinja compiles)."""
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged or foreign file: compile, and the dump below replaces it
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        """Keep the compiled code; a folder that cannot be written is no error."""
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def with_template_cache(environment: jinja2.Environment) -> jinja2.Environment:
    """`environment` compiling each template once per source and options, across runs."""
    folder = cache_folder("templates")
    if folder is not None:
        environment.bytecode_cache = TemplateCache(_compiler_options(environment), str(folder))
    return environment

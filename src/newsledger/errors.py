"""The error hierarchy. Every message says what was expected, what was found, what to do.

    NewsledgerError
    ├── ConfigError        a configuration file or key is wrong
    ├── InputError         an input file or record cannot be read (names file and line)
    │   └── ArticleTooLarge
    ├── StoreError         the ledger database cannot be opened or written
    │   └── UnknownRecord  a command names a claim or entity the ledger does not have
    └── EvalError          gold or prediction files do not fit the scorer
"""

from __future__ import annotations


class NewsledgerError(Exception):
    """Base class: the CLI prints ``str(error)`` as one line and exits non-zero."""


class ConfigError(NewsledgerError):
    pass


class InputError(NewsledgerError):
    def __init__(self, origin: str, message: str) -> None:
        super().__init__(f"{origin}: {message}")
        self.origin = origin
        self.message = message


class ArticleTooLarge(InputError):
    pass


class ArticleTimeout(NewsledgerError):
    """Extracting one article took longer than ``extract.max_seconds_per_article``."""


class StoreError(NewsledgerError):
    pass


class UnknownRecord(StoreError):
    """A write command's argument names nothing in the ledger: refused before writing
    (the CLI exits 2, a usage error)."""


class EvalError(NewsledgerError):
    pass

"""newsledger: turn news articles into a ledger of who claimed which figure, when.

The public API is small::

    import newsledger
    articles = newsledger.read_articles(["articles.jsonl"])        # Article | Failure stream
    for result in newsledger.extract(articles):                    # Extraction | Failure stream
        ...
    with newsledger.open_ledger("ledger.db") as ledger:            # the SQL store
        ledger.claims(speaker="Blinken")

Records are the frozen dataclasses of :mod:`newsledger.model`; ``to_dict`` gives their
JSON form (the output contract, ``docs/output-contract.md``).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsledger")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0"

# Imported lazily (PEP 562): `import newsledger.model` must not load spaCy, SQL and
# every extractor, and a broken optional part must not break the data model.
_LAZY = {
    "Config": "newsledger.config",
    "load_config": "newsledger.config",
    "NewsledgerError": "newsledger.errors",
    "read_articles": "newsledger.ingest",
    "extract": "newsledger.pipeline",
    "extract_article": "newsledger.pipeline",
    "open_ledger": "newsledger.store",
}

from newsledger.model import (  # noqa: E402  (the data model is light and always needed)
    CONTRACT_VERSION,
    Article,
    Claim,
    Evidence,
    Extraction,
    Failure,
    Mention,
    Quote,
    Source,
    Speaker,
    TimeExpr,
    Value,
    to_dict,
)


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsledger' has no attribute {name!r}")

__all__ = [
    "CONTRACT_VERSION",
    "Article",
    "Claim",
    "Config",
    "Evidence",
    "Extraction",
    "Failure",
    "Mention",
    "NewsledgerError",
    "Quote",
    "Source",
    "Speaker",
    "TimeExpr",
    "Value",
    "__version__",
    "extract",
    "extract_article",
    "load_config",
    "open_ledger",
    "read_articles",
    "to_dict",
]

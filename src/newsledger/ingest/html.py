"""HTML pages: the main text and metadata as trafilatura extracts them.

The extracted text *is* ``Article.text`` (offsets are into it); trafilatura separates
paragraphs with one newline. Extraction cascade, most precise first:

1. trafilatura's default extraction (main content, boilerplate left out);
2. trafilatura favouring recall (short or unusual pages);
3. the page's visible text with block elements as line breaks (broken markup).

A page where none of them finds text is a Failure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import lxml.etree
import lxml.html
import trafilatura

from newsledger.config import Config
from newsledger.errors import InputError
from newsledger.ingest._common import (
    check_not_binary,
    clean_str,
    decode,
    failure,
    finish,
    lenient_date,
    read_all,
    storable,
)
from newsledger.model import Article, Failure

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre tr table section article header "
    "footer figcaption dd dt".split()
)
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def read(path: Path, config: Config) -> Iterator[Article | Failure]:
    """The file's one Article, or one Failure naming the file."""
    try:
        markup = decode_html(read_all(path, config), str(path))
        yield finish(article_from_html(markup, origin=str(path), default_id=storable(path.name)), config)
    except InputError as exc:
        yield failure(exc.origin, exc)


def decode_html(data: bytes, origin: str, *, charset: str | None = None) -> str:
    """Bytes to markup: the declared charset (HTTP header or <meta>) wins, else detection."""
    check_not_binary(data, origin)
    declared = charset or _meta_charset(data)
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall back to detection
    return decode(data, origin)


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def article_from_html(
    markup: str,
    *,
    origin: str,
    default_id: str = "",
    url: str | None = None,
    fallback_published: str | None = None,
) -> Article:
    """One Article from a page; ``url``/``fallback_published`` come from the container (WARC)."""
    document = _extract(markup, url)
    text = document.text if document is not None else None
    if not text or not text.strip():
        text = html_to_text(markup)
    if not text.strip():
        raise InputError(origin, "no text could be extracted from the HTML page")
    meta = document  # None when only the fallback found text
    page_url = clean_str(getattr(meta, "url", None)) or url
    return Article(
        id=page_url or default_id,  # empty: finish() falls back to the content hash
        text=text,
        published=lenient_date(getattr(meta, "date", None)) or fallback_published,
        title=clean_str(getattr(meta, "title", None)),
        url=page_url,
        outlet=clean_str(getattr(meta, "sitename", None)),
        author=clean_str(getattr(meta, "author", None)),
        language=None,
        origin=origin,
    )


def _extract(markup: str, url: str | None) -> trafilatura.settings.Document | None:
    for favor_recall in (False, True):
        try:
            document = trafilatura.bare_extraction(
                markup,
                url=url,
                with_metadata=True,
                include_comments=False,
                favor_recall=favor_recall,
                # The page's own date only: no guessing from the file date or URL patterns.
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
        except (ValueError, TypeError, lxml.etree.LxmlError):
            document = None  # trafilatura gives up on some broken trees; the fallback reads them
        if document is not None and document.text and document.text.strip():
            return document
    return document


def html_to_text(markup: str) -> str:
    """Visible text of (possibly broken) HTML, one line per block element."""
    try:
        root = lxml.html.fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return ""
    pieces: list[str] = []
    hidden = 0  # depth inside script/style/... whose text is not shown
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            hidden += tag in _INVISIBLE_TAGS
            pieces.append("\n" if tag in _BLOCK_TAGS else "")
            pieces.append(element.text or "" if not hidden and tag else "")
        else:
            hidden -= tag in _INVISIBLE_TAGS
            pieces.append("\n" if tag in _BLOCK_TAGS else "")
            pieces.append(element.tail or "" if not hidden and element is not root else "")
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(pieces).splitlines())
    return "\n".join(line for line in lines if line)

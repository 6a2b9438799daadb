"""Markdown reader, including web pages kept as Markdown.

Real pages arrive as Markdown with YAML front matter, embedded HTML and template tags
(Jekyll/Liquid ``{% %}`` and ``{{ }}``, kramdown ``{: }`` attributes). A visitor sees the
rendered page, so we render too: the front matter's display text (titles, headers, bodies)
and the body go through markdown-it to HTML, and the HTML walker turns that into blocks.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml
from markdown_it import MarkdownIt

from benefitkit._yaml import safe_load
from benefitkit.read.document import Document, DocumentBuilder, clean_inline
from benefitkit.read.html import HtmlWalker
from benefitkit.read.sniff import decode_text
from benefitkit.vocab import BlockKind

__all__ = ["read_markdown", "split_front_matter"]

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_LIQUID = re.compile(r"\{%-?.*?-?%\}|\{\{-?.*?-?\}\}|\{:[^}\n]*\}", re.S)
# Front-matter keys that configure the site rather than say something to the visitor.
_META_KEYS = re.compile(
    r"^(?:layout|permalink|redirect_from|redirect_to|navigation|nav|sidebar|order|weight|"
    r"date|updated|last_modified\w*|tags|categories|category|lang|language|slug|url|"
    r"image|img|icon|thumbnail|hero_image|css|js|class|id|draft|published|search\w*|"
    r"sitemap|type|menu|parent|children|excerpt_separator|author|authors)$",
    re.I,
)
_HEADING_KEY = re.compile(r"(?:^|_)(?:title|header|heading|headline|subtitle)\d*$", re.I)


@functools.cache
def _md() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True, "breaks": True}).enable("table")


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split YAML front matter from the body; invalid YAML is treated as no front matter."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    try:
        meta = safe_load(m.group(1))
    except yaml.YAMLError:
        return {}, text[m.end():]
    return (meta if isinstance(meta, dict) else {}), text[m.end():]


def _strip_tags(text: str) -> str:
    return _LIQUID.sub("", text)


def _render(text: str) -> str:
    html: str = _md().render(_strip_tags(text))
    return html


def _front_matter_blocks(meta: dict[str, Any], walker: HtmlWalker, prefix: str = "") -> None:
    """Render the display text kept in front matter, in the order the file gives it."""
    for key, value in meta.items():
        name = f"{prefix}{key}"
        if _META_KEYS.match(str(key)) or (str(key) == "title" and not prefix):
            continue
        if isinstance(value, dict):
            _front_matter_blocks(value, walker, prefix=f"{name}.")
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    _front_matter_blocks(item, walker, prefix=f"{name}.")
                elif isinstance(item, str) and len(item.split()) >= 2:
                    walker.walk_html(_render(item))
        elif isinstance(value, str) and len(value.split()) >= 2:
            stripped = value.strip()
            if _HEADING_KEY.search(str(key)) and "\n" not in stripped:
                walker.builder.add(
                    BlockKind.HEADING, clean_inline(stripped.lstrip("#")), level=2,
                    detect_key_value=False,
                )
            else:
                walker.walk_html(_render(value))


def read_markdown(data: bytes, source: str) -> Document:
    """Read a Markdown flier (or a Markdown web page with front matter) into a Document.

    Raises:
        InputError: the bytes are not text.
    """
    text = decode_text(data, source)
    meta, body = split_front_matter(text)
    builder = DocumentBuilder(source=source, format="markdown")
    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        builder.title = clean_inline(_strip_tags(title))
    walker = HtmlWalker(builder)
    _front_matter_blocks(meta, walker)
    walker.walk_html(_render(body))
    return builder.build()

"""From a ``Document`` to a ``Flier``: choose candidate blocks, run the pipeline, assemble.

Structure first: the title and headings are context, not features (a heading that states
a price or date is the exception); fine print, sub-titles and bare calls to action are
dropped. Every remaining block goes through the spaCy pipeline, and each sentence it finds
becomes a feature with its category, values and source span.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs
from spacy.language import Language
from spacy.tokens import Doc

from benefitkit.errors import InputError
from benefitkit.extract.language import check_english
from benefitkit.extract.lexicon import load_boilerplate
from benefitkit.extract.pipeline import MIN_SCORE, FeatureSpan, build_pipeline
from benefitkit.extract.values import find_values
from benefitkit.model import Feature, Flier, SourceSpan, Value
from benefitkit.read import Block, Document, read_document
from benefitkit.vocab import BlockKind, Category, ValueKind

__all__ = ["DEFAULT_REF_DATE", "Extractor"]

# A section heading lends its category only when it is a short name ("Warranty and support")
_HEADING_WORDS = 3
# ... and not one of these: the catch-all, or what a banner announces ("Limited-time offer",
# "Free UK delivery")
_NOT_A_SECTION = frozenset({Category.CAPABILITY, Category.DEADLINE, Category.AVAILABILITY})

#: Dates without a year are resolved against this unless told otherwise, so that the same
#: flier parses the same way on every day.
DEFAULT_REF_DATE = dt.date(2026, 1, 1)
_TERMINAL = (".", "!", "?")
# The longest tagline under a title; a longer line introduces the product and is a feature.
_TAGLINE_WORDS = 12
_LINK_SEPARATORS = re.compile(r"\s+[|·•]\s+")
# Pages a site links to from its header and footer
_PAGE_NAMES = frozenset([
    "home", "about", "about us", "contact", "contact us", "login", "log in", "sign in",
    "sign up", "customer login", "privacy", "privacy notice", "privacy policy", "cookies",
    "cookie policy", "terms", "terms of use", "terms of service", "imprint", "legal",
    "careers", "blog", "news", "help", "support", "faq", "pricing", "sitemap", "accessibility",
])
_CONTACTISH = re.compile(r"\d|@|\w\.[a-z]{2,}")
# What makes a flier American, so its 04/03/2027 is April 3: a dollar sign of its own before
# the amount (not A$, C$, NZ$ or HK$, nor the Canadian French "1 299 $", whose writers put
# the day first), USD, US$ or "US".
_US = re.compile(r"(?<![A-Za-z\d\s])\$|(?<![\d\s])\s+\$|^\$|\bUS\$|\bUSD\b|\bUS\b")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


@attrs.frozen
class _Candidate:
    block: Block
    section: str | None


def _is_link_row(text: str) -> bool:
    """A row of short links set apart by bars, or by dots with a page name among them ("Privacy
    notice · Cookies · Imprint"), with no number, address or web address: navigation, not a
    feature. ("Lightweight · Waterproof · Machine washable" and "Order code MS-12 · +49 89 555
    0123 · example.de/order" are features.)"""
    parts = _LINK_SEPARATORS.split(text.strip())
    if len(parts) < 3 or not all(
            0 < len(_WORD.findall(p)) <= 4 and not _CONTACTISH.search(p) for p in parts):
        return False
    return "|" in text or any(p.strip().casefold() in _PAGE_NAMES for p in parts)


def _balanced(text: str) -> str:
    """A sentence without the brackets it only shares with its neighbours: "... from us. ("
    opens the next sentence's aside, and "... for.)" closes one begun before."""
    while text[-1:] in ("(", "["):
        text = text[:-1].rstrip()
    while text[:1] in (")", "]"):
        text = text[1:].lstrip()
    if text.endswith(")") and "(" not in text:
        text = text[:-1].rstrip()
    if text.startswith("(") and ")" not in text:
        text = text[1:].lstrip()
    return text


def _names_title(heading: str, title: str | None) -> bool:
    """Whether a heading is the document's title, or the product part of a page title
    ("Brightdesk ClassLease" under "Brightdesk ClassLease | School Laptop Lease")."""
    if not title:
        return False
    head, full = heading.strip().casefold(), title.strip().casefold()
    return head == full or (len(head) >= 4 and full.startswith(head)
                            and not full[len(head):len(head) + 1].isalnum())


def _is_title_case_line(text: str) -> bool:
    """Names, job titles and organisations: every word capitalised, no sentence."""
    words = _WORD.findall(text)
    return bool(words) and all(w[0].isupper() or not w[0].isalpha() for w in words)


class Extractor:
    """Holds a built pipeline; turns Documents into Fliers. Build once, use many times.

    Args:
        nlp: a pipeline from ``build_pipeline``; built with defaults when ``None``.
        ref_date: the date that resolves dates without a year.
    """

    def __init__(self, nlp: Language | None = None, *, ref_date: dt.date = DEFAULT_REF_DATE) -> None:
        self.nlp = nlp if nlp is not None else build_pipeline()
        self.ref_date = ref_date
        self._boilerplate, self._fine_print = load_boilerplate()

    def parse(self, source: str | Path | bytes, *, name: str | None = None, format: str | None = None) -> Flier:
        """Read and extract a flier file (or its bytes).

        Raises:
            InputError: the file cannot be read, is not English, or has no features.
        """
        return self.extract(read_document(source, name=name, format=format))

    def extract(self, doc: Document) -> Flier:
        """Extract the features of a Document.

        Raises:
            InputError: ``not-english`` or ``no-features``, naming the document.
        """
        check_english(doc.text, doc.source)
        title, candidates = self._candidates(doc)
        day_first = not _US.search(doc.text)
        features: list[Feature] = []
        for cand, spacy_doc in zip(candidates, self._docs(candidates, day_first), strict=True):
            block = cand.block
            values: list[Value] = spacy_doc.user_data["bk_values"]
            span: FeatureSpan
            for span in spacy_doc.user_data["bk_features"]:
                text = _balanced(spacy_doc.text[span.start:span.end].strip())
                if not self._is_feature(text, block, values, span):
                    continue
                lead = spacy_doc.text.index(text, span.start)
                start = block.start + lead
                own = tuple(
                    attrs.evolve(v, start=v.start - lead, end=v.end - lead)
                    for v in values
                    if v.start >= lead and v.end <= lead + len(text)
                )
                features.append(
                    Feature(
                        id=f"f{len(features) + 1}",
                        text=text,
                        category=span.categories[0],
                        categories=span.categories,
                        source=SourceSpan(start, start + len(text), block.page, block.kind),
                        label=block.label if lead == 0 else None,
                        values=own,
                        section=cand.section,
                        reasons=span.reasons,
                    )
                )
        if not features:
            raise InputError(
                "no features found: the flier has no lines that describe the product",
                code="no-features",
                path=doc.source,
                hint="check that the file is a product flier with bullets, specs or prices",
            )
        return Flier(source=doc.source, title=title, features=tuple(features), text=doc.text, format=doc.format)

    def _docs(self, candidates: list[_Candidate], day_first: bool) -> Iterator[Doc]:
        headings: dict[str | None, Category | None] = {None: None}
        for cand in candidates:
            if cand.section not in headings:
                headings[cand.section] = self._heading_category(cand.section, day_first)
            yield self._run(cand.block.text, bk_kind=cand.block.kind, bk_label=cand.block.label,
                            bk_day_first=day_first, bk_section=headings[cand.section])

    def _run(self, text: str, **user_data: Any) -> Doc:
        """``text`` through the pipeline, with what its components read from ``user_data``."""
        sdoc = self.nlp.make_doc(text)
        sdoc.user_data["bk_ref_date"] = self.ref_date
        sdoc.user_data.update(user_data)
        for _, proc in self.nlp.pipeline:
            sdoc = proc(sdoc)
        return sdoc

    def _heading_category(self, heading: str | None, day_first: bool) -> Category | None:
        """What a section heading says its features are about ("Accessories", "Warranty and
        support"), when it is a short name whose cues say one category plainly.

        A sentence, a banner or a call to action ("Order today and save", "FREE UK
        DELIVERY", "Our pricing is simple and fair.") names no section; neither does a
        heading that names two categories ("Price and availability") or one a list of items
        is not: the catch-all capability, an offer's deadline or where it is available.
        """
        if not heading or len(heading.split()) > _HEADING_WORDS or any(
                c in heading for c in ".!?"):
            return None
        spans = self._run(heading, bk_day_first=day_first).user_data.get("bk_features") or []
        if len(spans) != 1 or not spans[0].scores or spans[0].scores[0] < MIN_SCORE:
            return None
        if len(spans[0].scores) > 1:
            return None  # "Price and availability": no one category
        found = spans[0].categories[0]
        return None if found in _NOT_A_SECTION else found

    def _candidates(self, doc: Document) -> tuple[str | None, list[_Candidate]]:
        """The title and the blocks that may hold features, each with its section heading."""
        title = doc.title
        title_block: Block | None = None
        if title is None:
            title_block = next((b for b in doc.blocks if b.kind is BlockKind.HEADING and b.level == 1), None)
            title_block = title_block or next((b for b in doc.blocks if b.kind is BlockKind.HEADING), None)
            title = title_block.text if title_block else None
        out: list[_Candidate] = []
        section: str | None = None
        after_title = False
        name = title  # what the product is called: the title, or the heading naming it
        blocks = [b for b in doc.blocks
                  if not (b.kind is BlockKind.PARAGRAPH and _is_link_row(b.text))]  # navigation
        for i, block in enumerate(blocks):
            if block is title_block or (block.kind is BlockKind.HEADING and not out
                                        and _names_title(block.text, title)):
                after_title, name = True, block.text
                continue
            if block.kind is BlockKind.HEADING:
                if self._heading_states_fact(block):
                    out.append(_Candidate(block, section))
                    section = None  # a new part of the flier, whatever came before
                else:
                    section = block.text.rstrip(":").strip()
                after_title = False
                continue
            # A tagline is one short line on its own under the title; a run of them is the
            # flier's first features ("Removes lead. Fits any faucet. Changes in seconds.").
            if after_title and self._is_subtitle(block, name) and not (
                    i + 1 < len(blocks) and self._is_subtitle(blocks[i + 1], name)):
                after_title = False
                continue
            after_title = False
            out.append(_Candidate(block, section))
        return title, out

    def _heading_states_fact(self, block: Block) -> bool:
        values = find_values(block.text, ref_date=self.ref_date)
        return any(v.kind in (ValueKind.MONEY, ValueKind.PERCENT, ValueKind.DATE) for v in values)

    def _is_subtitle(self, block: Block, name: str | None) -> bool:
        """A sub-title or tagline right under the title: "Product sheet", "Store the sun.",
        "Rugged printing for the factory floor". Short, without a figure, and not naming the
        product: a sentence that does ("The X-60 washes a rack a minute") introduces it and
        is a feature."""
        if block.kind is not BlockKind.PARAGRAPH or block.label is not None:
            return False
        words = _WORD.findall(block.text)
        if len(words) <= 4 and not block.text.endswith(_TERMINAL):
            return True
        if _CONTACTISH.search(block.text) and not block.text.endswith(_TERMINAL):
            return False  # "Call 0800 555 0100", "sales@example.com"
        named = {w.casefold() for w in _WORD.findall(name or "") if len(w) > 2}
        return (len(words) <= _TAGLINE_WORDS and not named & {w.casefold() for w in words}
                and not find_values(block.text, ref_date=self.ref_date))

    def _is_feature(self, text: str, block: Block, values: Iterable[Value], span: FeatureSpan) -> bool:
        if not any(c.isalnum() for c in text):
            return False
        low = text.lower()
        if any(p in low for p in self._boilerplate):
            return False
        has_value = any(span.start <= v.start and v.end <= span.end for v in values)
        if not has_value and any(p in low for p in self._fine_print):
            return False
        if block.kind is not BlockKind.PARAGRAPH:
            return True
        # An intro line ("Included in subscription:") heads the list after it.
        if text.endswith(":"):
            return False
        words = len(text.split())
        if not text.endswith(_TERMINAL) and not has_value:
            # Calls to action and sub-titles ("Get in touch", "Product sheet"), and names
            # or job titles under a quote, are not features.
            if words <= 4 and block.label is None and not any(c.isdigit() or c in "@/" for c in text):
                return False
            if _is_title_case_line(text) and block.label is None:
                return False
        return True

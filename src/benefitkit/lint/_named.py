"""Finders for named things: standards and certifications (with their level), and the
products and platforms a draft says it works with. Judged as ``_finders`` judges the rest."""

from __future__ import annotations

import re
from collections.abc import Iterator

from benefitkit.lint._context import Context, Found
from benefitkit.lint._lexicon import LEX, Standard

__all__ = ["certifications", "integrations"]

_NAME = re.compile(
    r"(?<![\w.@/-])(?:[A-Z][A-Za-z0-9]*(?:[.'&+-][A-Za-z0-9]+)*|[a-z]+(?:[A-Z][a-z0-9]*)+"
    r"|\d+[a-z]+[a-z0-9]*|[a-z][a-z0-9-]*\.(?:gov|com|io|org|net|dev|app))(?![\w@/])"
)


def _spaced(text: str) -> str:
    """A standard's name compared loosely: "Section 508" is "508", "SOC-2" is "SOC 2"."""
    return re.sub(r"^section ", "", re.sub(r"[\s-]+", " ", text.strip()).lower())


def _named_as(std: Standard, text: str, m: re.Match[str]) -> str:
    """The standard named at ``m``, with its level if one follows, compared loosely."""
    lvl = std.level.match(text, m.end()) if std.level else None
    return _spaced(text[m.start():lvl.end() if lvl else m.end()])


def certifications(ctx: Context) -> Iterator[Found]:
    """Named standards, with their level: "FedRAMP Moderate", "SOC 2 Type II", "IAL2".
    A source must name the same standard; when the draft gives a level, the same level."""
    named: list[tuple[int, str]] = []
    for std in LEX.standards:
        for m in std.name.finditer(ctx.text):
            lvl = std.level.match(ctx.text, m.end()) if std.level else None
            if std.required and lvl is None:
                continue
            end = lvl.end() if lvl else m.end()
            named.append((m.start(), std.key))
            want = _named_as(std, ctx.text, m)
            bare = _spaced(m.group())
            hit = next((f for f, s in ctx.index.matching(std.name)
                        if (_named_as(std, f.text, s) if lvl else _spaced(s.group())) ==
                        (want if lvl else bare)), None)
            said = ctx.text[m.start():end]
            yield Found("certification", m.start(), end, hit is not None,
                        f"a source names {said!r}" if hit else f"no source names {said!r}", hit)
    for m in LEX.loose_level.finditer(ctx.text):
        level = m.group("level").lower()
        std_key = max((p for p in named if p[0] < m.start()), default=(0, None))[1]
        hit = None
        for std in LEX.standards:
            if std.level is None or (std_key is not None and std.key != std_key):
                continue
            hit = next((f for f, s in ctx.index.matching(std.name)
                        if (sl := std.level.match(f.text, s.end()))
                        and sl.group().strip(" -").lower() == level), hit)
        hit = hit or next((f for f, s in ctx.index.matching(LEX.loose_level)
                           if s.group("level").lower() == level), None)
        yield Found("certification", m.start(), m.end(), hit is not None,
                    "a source names this level" if hit
                    else f"no source names the {m.group('level')} level", hit)


def integrations(ctx: Context) -> Iterator[Found]:
    """Products and platforms named where the sentence says it works with them."""
    for a, b, flag in ctx.parts:
        part = ctx.text[a:b]
        if flag or not LEX.integration_context.search(part):
            continue
        for start, end in _names(ctx.text, a, b):
            name = ctx.text[start:end]
            hit = ctx.index.has_words(name)
            evidence = ctx.index.closest(name) if hit else None
            yield Found("integration", start, end, hit,
                        f"a source names {name!r}" if hit else f"no source names {name!r}",
                        evidence)


def _names(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    """Capitalised names (runs of them) in ``text[a:b]``, except a sentence's first word."""
    run: list[tuple[int, int]] = []
    for m in _NAME.finditer(text, a, b):
        word = re.sub(r"['’]s$", "", m.group())
        if m.start() == 0 or word.lower() in LEX.not_names:
            continue
        end = m.start() + len(word)
        if run and re.fullmatch(r"[ ]", text[run[-1][1]:m.start()]):
            run[-1] = (run[-1][0], end)
            continue
        run.append((m.start(), end))
    yield from run

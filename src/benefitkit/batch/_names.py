"""Safe, unique output file names from account names typed into a CRM.

Account names are user text: they can hold path separators (``a/b``), parent references
(``../../etc/passwd``), names Windows reserves (``CON``), or characters a file system
refuses. A name becomes a lower-case slug of letters, digits and hyphens that can only ever
name a file directly inside the output folder, on every platform.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["FileNamer", "slugify"]

# Windows refuses these as file names whatever the extension ("con.md" too).
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "conin$", "conout$"}
    | {f"{d}{n}" for d in ("com", "lpt") for n in (*"123456789", "¹", "²", "³")}
)
_APOSTROPHES = re.compile(r"['’ʼ]")  # "Sheriff's" -> "sheriffs", not "sheriff-s"
_NOT_WORD = re.compile(r"[\W_]+")  # \W is Unicode-aware: "Échevarría" keeps its letters
# Most file systems allow 255 bytes per name; leave room for "-NNNNNN" and ".html".
_MAX_BYTES = 120


def slugify(text: str) -> str:
    """A lower-case slug: words joined by ``-``, no separators, dots or control characters.

    May be empty (for names with no letter or digit); ``FileNamer`` supplies a fallback.

    Example:
        >>> slugify("../../etc/passwd")
        'etc-passwd'
        >>> slugify("Café Nord, Inc.")
        'café-nord-inc'
    """
    # NFKC folds look-alikes (full-width letters, ligatures) so they cannot dodge the checks.
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    text = _APOSTROPHES.sub("", text)
    slug = _NOT_WORD.sub("-", text).strip("-")
    if len(slug.encode("utf-8")) > _MAX_BYTES:
        slug = slug.encode("utf-8")[:_MAX_BYTES].decode("utf-8", "ignore").rstrip("-")
    if slug in _RESERVED:
        slug += "-account"
    return slug


class FileNamer:
    """Hands out unique file names in row order: ``acme.md``, ``acme-2.md``, ``acme-3.md``.

    Deterministic: the same accounts in the same order get the same names, which is what
    lets ``resume`` find earlier outputs. Names are compared case-insensitively so that no
    two accounts share a file on a case-insensitive file system.

    Args:
        suffix: the file extension, without the dot (``md``).
    """

    def __init__(self, suffix: str) -> None:
        self.suffix = suffix
        self._used: set[str] = set()
        self._next: dict[str, int] = {}

    def name(self, account: str | None, row: int) -> str:
        """The file name for the account on ``row`` (``account-ROW`` when it has no words)."""
        base = slugify(account or "") or f"account-{row}"
        stem, n = base, self._next.get(base, 1)
        while stem in self._used:
            n += 1
            stem = f"{base}-{n}"
        self._next[base] = n
        self._used.add(stem)
        return f"{stem}.{self.suffix}"

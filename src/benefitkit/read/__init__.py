"""Readers: bytes of a flier in any supported format into one ``Document``."""

from benefitkit.read.document import Block, Document, DocumentBuilder, split_key_value
from benefitkit.read.sniff import MAX_BYTES, detect_format, read_document

__all__ = [
    "MAX_BYTES",
    "Block",
    "Document",
    "DocumentBuilder",
    "detect_format",
    "read_document",
    "split_key_value",
]

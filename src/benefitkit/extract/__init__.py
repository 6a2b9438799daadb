"""Feature extraction: a ``Document`` into a ``Flier`` of typed, traceable features."""

from benefitkit.extract.extractor import DEFAULT_REF_DATE, Extractor
from benefitkit.extract.pipeline import build_pipeline

__all__ = ["DEFAULT_REF_DATE", "Extractor", "build_pipeline"]

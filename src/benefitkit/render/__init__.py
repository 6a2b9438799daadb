"""Writing: benefit statements, the talk-track and the personalised flier.

One sandboxed Jinja environment (user template folders before the package templates),
language filters, a writer that turns matches into statements in the buyer's terms, and a
provenance check that every number, date and name in the output comes from the inputs.
"""

from benefitkit.render.context import MatchLike, MatchResultLike, ProfileLike, tone_for
from benefitkit.render.documents import (
    Comparison,
    Line,
    PersonalisedFlier,
    TalkTrack,
    load_comparison,
    personalised_flier,
    render_document,
    talk_track,
)
from benefitkit.render.environment import (
    build_environment,
    check_templates,
    package_templates_dir,
)
from benefitkit.render.filters import FILTERS
from benefitkit.render.lint import Verdict, classify
from benefitkit.render.provenance import Fact, Sources, check, extract_facts, unsupported
from benefitkit.render.writer import Benefit, Writer

__all__ = [
    "FILTERS",
    "Benefit",
    "Comparison",
    "Fact",
    "Line",
    "MatchLike",
    "MatchResultLike",
    "PersonalisedFlier",
    "ProfileLike",
    "Sources",
    "TalkTrack",
    "Verdict",
    "Writer",
    "build_environment",
    "check",
    "check_templates",
    "classify",
    "extract_facts",
    "load_comparison",
    "package_templates_dir",
    "personalised_flier",
    "render_document",
    "talk_track",
    "tone_for",
    "unsupported",
]

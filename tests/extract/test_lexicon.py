"""The cue lexicon and the pipeline's registered components."""

from __future__ import annotations

import pytest

from benefitkit.errors import InputError
from benefitkit.extract import build_pipeline
from benefitkit.extract.lexicon import lexicon_from_mapping, load_lexicon
from benefitkit.vocab import Category, ValueKind


def test_pipeline_components_snapshot():
    nlp = build_pipeline()
    assert nlp.pipe_names == [
        "benefitkit_sentences",
        "benefitkit_cues",
        "benefitkit_values",
        "benefitkit_categorize",
    ]


def test_packaged_lexicon_covers_every_category():
    lexicon = load_lexicon()
    assert {c.category for c in lexicon.cues} == set(Category)
    conditional = {c.requires for c in lexicon.cues if c.requires}
    assert ValueKind.DATE in conditional


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"pricing": {"strong": ["cost"]}}, "pricing"),
        ({"price": {"loud": ["cost"]}}, "price.loud"),
        ({"price": {"with_colour": ["cost"]}}, "price.with_colour"),
        # YAML reads a bare off/on/yes/no as a bool: a phrase that silently never matches
        ({"price": {"with_percent": ["save", False]}}, "price.with_percent"),
    ],
)
def test_bad_lexicon_names_the_field(data, field):
    with pytest.raises(InputError) as info:
        lexicon_from_mapping(data, "my-cues.yml")
    assert info.value.field == field
    assert "my-cues.yml" in str(info.value)


def test_custom_lexicon_changes_categories(tmp_path):
    from benefitkit.extract import Extractor

    cues = tmp_path / "cues.yml"
    cues.write_text("durability:\n  strong: [gizmo]\n", encoding="utf-8")
    extractor = Extractor(build_pipeline(lexicon_path=str(cues)))
    flier = extractor.parse(b"Widget\n\n- A gizmo for every desk\n", name="w.txt")
    assert flier.features[0].category is Category.DURABILITY


def test_packaged_lexicon_phrases_are_all_text():
    # "off" and "on" must stay words: "15% off" is a price, "starts on 3 March" a date
    lexicon = load_lexicon()
    phrases = {(c.phrase, c.requires) for c in lexicon.cues}
    assert ("off", ValueKind.PERCENT) in phrases
    assert ("on", ValueKind.DATE) in phrases


def test_percent_off_is_a_price(tmp_path):
    from benefitkit.extract import Extractor

    extractor = Extractor(build_pipeline())
    flier = extractor.parse(b"Widget\n\n- Volume pricing: 8% off for 25 units or more\n",
                            name="w.txt")
    assert flier.features[0].category is Category.PRICE

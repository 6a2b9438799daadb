"""Term evidence: stems, synonyms, concepts, named terms and their weighting."""

from __future__ import annotations

import pytest

from benefitkit.errors import RuleError
from benefitkit.match.lexicon import lexicon_from_mapping, load_lexicon
from benefitkit.match.terms import evidence, idf_table, stem, tokens
from benefitkit.match.vectors import VectorSimilarity


@pytest.mark.parametrize(
    ("a", "b"),
    [("batteries", "battery"), ("included", "includes"), ("use", "using"), ("shipping", "ships"),
     ("boxes", "box"), ("inches", "inch"), ("supplied", "supply"), ("sizes", "size")],
)
def test_stem_meets_inflections(a: str, b: str) -> None:
    assert stem(a) == stem(b)


def test_stem_leaves_short_words_and_double_e() -> None:
    assert stem("speed") == "speed"
    assert stem("gas") == "gas"
    assert stem("64bit") == "64bit"


def test_tokens_normalise_numbers() -> None:
    assert tokens("Under $60,000, two sites, 38.5 in") == ["under", "60000", "2", "sites", "38.5", "in"]


def test_synonyms_and_concepts() -> None:
    lex = load_lexicon()
    outdoor = lex.analyze("for outdoor use only")
    outside = lex.analyze("can this be left outside?", named=True)
    assert outdoor.concepts & outside.concepts
    black = lex.analyze("do these come in black?", named=True)
    assert {"@color", "@include"} <= black.concepts
    assert "@color" in lex.analyze("Color: brown").concepts


def test_question_cues_only_count_in_questions() -> None:
    lex = load_lexicon()
    assert "@compatible" in lex.analyze("will this oil filter work?", named=True).concepts
    assert "@compatible" not in lex.analyze("Checkout must keep working offline", named=True).concepts
    assert "@compatible" not in lex.analyze("we work hard every day").concepts
    # a statement about where people work, or the ones they reward, asks nothing of fit
    assert "@compatible" not in lex.analyze("Our techs work in basements", named=True).concepts
    assert "@compatible" not in lex.analyze("reward the safe ones", named=True).concepts
    assert "@battery" not in lex.analyze("no cell coverage out there", named=True).concepts


def test_field_words_meet_their_synonyms() -> None:
    lex = load_lexicon()
    pairs = [
        ("Our techs have no cell coverage in basements", "Offline mode works without a signal"),
        ("Drivers burn diesel idling in the lot", "Fuel consumption and idle-time reports"),
    ]
    for need, feature in pairs:
        shared = lex.analyze(need, named=True).concepts & lex.analyze(feature).concepts
        assert shared, (need, feature)
    # ... and not words that only look alike
    apart = [
        ("We need the latest tech", "Certified technicians on call"),
        ("No coverage for accidental damage", "Works offline"),
        ("Petrol vans only", "Diesel engine"),
    ]
    for need, feature in apart:
        shared = lex.analyze(need, named=True).concepts & lex.analyze(feature).concepts
        assert not {c for c in shared if c[0] == "="}, (need, feature)


def test_one_keeps_its_e() -> None:
    assert stem("one") == stem("ones") == "one"
    assert stem("one") != stem("on")


def test_named_terms() -> None:
    lex = load_lexicon()
    named = lex.analyze("Must work with our Epic EHR and the dv-3032 before March 2027", named=True).named
    assert {"epic", "ehr", "dv3032"} <= named
    assert "march" not in named and "2027" not in named
    assert lex.analyze("Keep it under $60,000 a year", named=True).named == frozenset()


def test_evidence_prefers_the_feature_that_names_the_system() -> None:
    lex = load_lexicon()
    feats = [lex.analyze(t) for t in ("HL7 and Epic integration", "Integrates with many systems", "Fast setup")]
    idf, default = idf_table(feats)
    need = lex.analyze("Must work with our Epic EHR", named=True)
    scores = [evidence(need, f, idf, default) for f in feats]
    assert scores[0].score > scores[1].score > scores[2].score == 0
    assert scores[0].named == {"epic"}


def test_a_bare_number_backs_shared_words_but_answers_nothing_alone() -> None:
    lex = load_lexicon()
    feats = [lex.analyze(t) for t in ("LED work light with 20-second delay",
                                      "Room for 20 technicians on one plan", "Carry case")]
    idf, default = idf_table(feats)
    need = lex.analyze("Outfit 20 technicians", named=True)
    light, plan, case = (evidence(need, f, idf, default) for f in feats)
    assert light.score == 0 and case.score == 0
    assert plan.score > 0 and plan.shared >= {"20", "technician"}


def test_title_words_count_for_less() -> None:
    lex = load_lexicon()
    feats = [lex.analyze(t) for t in ("Tripod with fold-out legs", "Compatible devices: iphone 7")]
    idf, default = idf_table(feats)
    need = lex.analyze("will this tripod work with my iphone?", named=True)
    plain = evidence(need, feats[0], idf, default)
    discounted = evidence(need, feats[0], idf, default, discount=frozenset({"tripod"}))
    assert discounted.score < plain.score


def test_lexicon_errors_name_the_section() -> None:
    with pytest.raises(RuleError, match="quote yes, no, on and off"):
        lexicon_from_mapping({"stopwords": ["a"], "synonyms": [["off", False]]}, "lex.yml")
    with pytest.raises(RuleError) as info:
        lexicon_from_mapping({"synonym": []}, "lex.yml")
    assert info.value.field == "synonym"
    with pytest.raises(RuleError, match="must name a concept"):
        lexicon_from_mapping({"concepts": {"color": ["red"]}, "questions": {"colour": ["what color"]}}, "lex.yml")


def test_vectors_are_optional() -> None:
    import spacy

    blank = VectorSimilarity(spacy.blank("en"))
    assert not blank.available
    assert blank.similarity("cut onboarding time", "Setup in under 10 minutes") == 0.0



@pytest.mark.parametrize(
    ("need", "feature"),
    [
        # words of a synonym group that have another everyday sense share nothing
        ("Kiosk must be accessible for wheelchair users", "Bluetooth can be disabled for security"),
        ("We hire seasonal staff every summer", "Logs fridge temps every 5 minutes"),
        ("Our current app crashes every afternoon", "Impact-resistant housing"),
        ("Remind owners when vaccinations are due", "Pulls two espresso shots at once"),
        ("Teachers need to cast their laptop screens to the TV", "Cast iron grates last for years"),
    ],
)
def test_groups_do_not_join_other_senses(need: str, feature: str) -> None:
    lex = load_lexicon()
    n, f = lex.analyze(need, named=True), lex.analyze(feature)
    assert not {c for c in n.concepts & f.concepts if c[0] == "="}

"""The shared inflect engine: imported without typeguard's instrumentation, which is put back."""

from __future__ import annotations

import subprocess
import sys


def test_inflect_is_imported_unchecked_and_typeguard_is_restored() -> None:
    code = (
        "import typeguard\n"
        "original = typeguard.typechecked\n"
        "from benefitkit._inflect import inflect_engine\n"
        "engine = inflect_engine()\n"
        "assert typeguard.typechecked is original\n"
        "assert engine is inflect_engine()\n"
        "import inflect\n"
        # typeguard's instrumented functions are rebuilt from source, with checks in them
        "assert 'TypeCheckMemo' not in inflect.engine.plural_noun.__code__.co_names\n"
        "print(engine.singular_noun('warehouses'), engine.a('hour'), engine.plural_noun('ox', 2))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["warehouse", "an", "hour", "oxen"]


def test_instrumented_inflect_would_check_arguments() -> None:
    # the assertion above can fail: a plain import of inflect carries typeguard's checks
    code = (
        "import inflect\n"
        "print('TypeCheckMemo' in inflect.engine.plural_noun.__code__.co_names)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"

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


def test_threads_share_one_engine_and_leave_typeguard_as_it_was() -> None:
    code = (
        "import threading, typeguard\n"
        "original = typeguard.typechecked\n"
        "from benefitkit._inflect import inflect_engine\n"
        "barrier = threading.Barrier(8)\n"
        "engines = []\n"
        "def work():\n"
        "    barrier.wait()\n"
        "    engines.append(inflect_engine())\n"
        "threads = [threading.Thread(target=work) for _ in range(8)]\n"
        "[t.start() for t in threads]\n"
        "[t.join() for t in threads]\n"
        "print(len({id(e) for e in engines}), typeguard.typechecked is original)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["1", "True"]

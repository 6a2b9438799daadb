"""Settings for the whole suite.

Property tests run without hypothesis's per-example deadline and data-generation health
check: a slow or busy machine must not fail a test that is correct (speed is measured in
``benchmarks/``, never in tests).
"""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "suite", deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
settings.load_profile("suite")

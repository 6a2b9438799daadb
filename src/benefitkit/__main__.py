"""``python -m benefitkit``: the same command line as ``benefitkit``."""

import sys

from benefitkit.cli import main

sys.exit(main())

import sys

from benefitkit.cli import main

sys.exit(main())

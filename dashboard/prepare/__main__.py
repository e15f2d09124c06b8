"""Allow ``python -m dashboard.prepare``."""

from dashboard.prepare.cli import main

raise SystemExit(main())

"""``python -m simulator.fuzz``: see ``simulator.fuzz.cli``."""

from simulator.fuzz.cli import main

raise SystemExit(main())

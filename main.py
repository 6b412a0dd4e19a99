"""Start Protocol Simulator: ``python main.py`` opens the default scenario; --help for more."""

import sys

from simulator.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""Allow ``python -m uhc_roadmap``."""

from uhc_roadmap.cli.app import main

if __name__ == "__main__":
    raise SystemExit(main())

"""Allow ``python -m uhc_roadmap``."""

from uhc_roadmap.cli.entry import console

if __name__ == "__main__":
    raise SystemExit(console())

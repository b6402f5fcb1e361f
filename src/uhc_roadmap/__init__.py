"""uhc-roadmap: validate, report on and render UHC partnership roadmaps kept as YAML."""

__version__ = "0.1.0"

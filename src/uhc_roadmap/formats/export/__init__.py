"""Exports: a whole roadmap in another standard's format (`uhc-roadmap export --format ...`)."""

"""Reporters turn diagnostics into an output format; each is registered by name here.

The registry maps names to import paths so that a run pays only for the reporter it uses.
"""

from __future__ import annotations

import importlib

from uhc_roadmap.reporters.base import Reporter, ReportOptions

REPORTERS: dict[str, str] = {
    "text": "uhc_roadmap.reporters.text:TextReporter",
    "json": "uhc_roadmap.reporters.json:JsonReporter",
    "github": "uhc_roadmap.reporters.github:GithubReporter",
    "sarif": "uhc_roadmap.reporters.sarif:SarifReporter",
    "junit": "uhc_roadmap.reporters.junit:JunitReporter",
    "markdown": "uhc_roadmap.reporters.markdown:MarkdownReporter",
}


def get_reporter(name: str) -> type[Reporter]:
    module_name, _, class_name = REPORTERS[name].partition(":")
    reporter: type[Reporter] = getattr(importlib.import_module(module_name), class_name)
    return reporter


__all__ = ["REPORTERS", "ReportOptions", "Reporter", "get_reporter"]

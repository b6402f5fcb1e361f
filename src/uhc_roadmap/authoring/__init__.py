"""Authoring helpers: a skeleton for a new roadmap, and what changed between two versions."""

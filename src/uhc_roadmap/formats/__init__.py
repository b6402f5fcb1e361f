"""Output formats: what a roadmap, its diagnostics or its figures can be written as."""

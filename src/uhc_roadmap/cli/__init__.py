"""The command-line interface: option parsing and wiring only; the work is in the core."""

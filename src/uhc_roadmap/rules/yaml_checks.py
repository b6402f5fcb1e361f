"""Y: problems found while reading the YAML itself (checked by ``uhc_roadmap.loading``).

A class here documents its code; the code's default severity is in
``uhc_roadmap.diagnostics.BUILTIN_SEVERITIES``, where the checks that report it read it.
"""

from __future__ import annotations

from uhc_roadmap.rules.base import BuiltinRule


class Y001(BuiltinRule, name="yaml-syntax"):
    """The file is not valid YAML.

    The position is libyaml's: where the parser gave up, which is often just after the
    real mistake (an unclosed quote, a tab used for indentation, a stray colon).

    Bad:
        title: Feuille de route: Maroc
    Good:
        title: "Feuille de route: Maroc"
    """


class Y002(BuiltinRule, name="duplicate-key"):
    """A key appears twice in the same mapping.

    Most YAML readers silently keep one of the two values; which one differs between tools,
    so the file means different things to different readers. Both lines are named.

    Bad:
        status: ongoing
        status: completed
    Good:
        status: completed
    """


class Y003(BuiltinRule, name="no-aliases"):
    """Anchors (`&name`) and aliases (`*name`) are not allowed.

    Aliases hide from a reviewer what a value really is, and nested aliases can expand a
    small file into gigabytes ("billion laughs"). Write values out in full.

    Bad:
        partners: &who [WHO]
        lead: *who
    Good:
        partners: [WHO]
    """


class Y004(BuiltinRule, name="no-tags"):
    """Tags (`!!python/object`, `!!str`, `!custom`) are not allowed.

    A roadmap holds plain data. Tags that build program objects are refused before
    anything is constructed; they are never executed.

    Bad:
        title: !!python/object/apply:os.system ["rm -rf /"]
    Good:
        title: Feuille de route
    """


class Y005(BuiltinRule, name="encoding"):
    """The file is not UTF-8 text.

    Roadmaps are UTF-8 (a BOM is accepted). Files saved as Latin-1, Windows-1252 or UTF-16,
    and binary files, are refused with the position of the first offending byte.

    Bad:
        title: Sant\\xe9   (Latin-1 byte)
    Good:
        title: Santé   (UTF-8)
    """


class Y006(BuiltinRule, name="empty-file"):
    """The file is empty, or holds only comments.

    An empty file is usually a failed save or a file created and forgotten; it describes no
    roadmap, and other YAML readers take it for a null value.

    Bad:
        # to be written
    Good:
        schema_version: "1"
        country: MA
    """


class Y007(BuiltinRule, name="single-document"):
    """The file holds several YAML documents.

    One file is one roadmap; a second document after `---` would be ignored by some tools.

    Bad:
        country: MA
        ---
        country: DZ
    Good:
        country: MA
    """


class Y008(BuiltinRule, name="top-level-mapping"):
    """The document is not a mapping of fields.

    A roadmap is a mapping of fields (`country:`, `title:`...). A list or a single value at
    the top usually means a stray `-` or a YAML file of another kind in the roadmaps folder.

    Bad:
        - country: MA
    Good:
        country: MA
    """


class Y009(BuiltinRule, name="ambiguous-scalar"):
    """An unquoted value that YAML 1.1 readers would read differently.

    uhc-roadmap reads YAML 1.2, where `NO` is text (Norway's code) and `010` is ten. PyYAML,
    Ansible and many other YAML 1.1 readers would read `NO` as false, `010` as eight and
    `1:30` as ninety. Quoting the value makes every reader agree.

    Bad:
        country: NO
    Good:
        country: "NO"
    """


class Y010(BuiltinRule, name="complex-key"):
    """A mapping key is a list or a mapping.

    Keys are field names, ids or region codes: always plain text. A list or a mapping used
    as a key (YAML's `?` syntax) cannot be one, and many tools cannot read it.

    Bad:
        ? [a, b]
        : value
    Good:
        a: value
    """


class Y011(BuiltinRule, name="limits"):
    """The file is over the size limit, or nested too deeply.

    Limits keep hostile input cheap: 8 MiB and 64 levels by default, both configurable
    (`max_file_size`, `max_depth`). Real roadmaps are a few hundred kilobytes, six levels deep.

    Bad:
        a: [[[[[[[[[[[[ ... 10,000 levels ... ]]]]]]]]]]]]
    Good:
        a: [1, 2]
    """


class Y012(BuiltinRule, name="number-range"):
    """A number too large to represent.

    No amount or count needs thousands of digits, and converting them is slow; such a value
    is a pasted mistake or hostile input.

    Bad:
        planned: 1000000000000000000000000000000 ... (5,000 digits)
    Good:
        planned: 1000000
    """


class Y014(BuiltinRule, name="typographic-quotes"):
    """A value wrapped in typographic quotes (“…”, ‘…’) instead of YAML's straight ones.

    Word processors turn `"` into `“` and `”` as you type. YAML does not read them as quotes:
    they stay in the text and end up in every report and document. With a colon inside
    (`“a : b”`) the line does not even load; that error gets the same hint.
    `validate --fix` replaces them with straight double quotes.

    Bad:
        title: {fr: “Gouvernance”}
    Good:
        title: {fr: "Gouvernance"}
    """


class Y015(BuiltinRule, name="glued-comment"):
    """A comment is not separated by a space from what comes before it.

    YAML starts a comment only at a `#` after white space. libyaml, the parser behind
    PyYAML and many tools, also takes a `#` right after a closing quote, a bracket, a comma
    or a block scalar's `|` or `>` for a comment and drops the rest of the line; YAML 1.2
    readers refuse the file. Readers disagree on what the file says, so it is an error.

    Bad:
        programme: "UHC Partnership"# not a comment
    Good:
        programme: "UHC Partnership" # a comment
    """


YAML_RULES: tuple[type[BuiltinRule], ...] = (
    Y001, Y002, Y003, Y004, Y005, Y006, Y007, Y008, Y009, Y010, Y011, Y012, Y014, Y015
)  # fmt: skip

"""uhc-awards: YAML award records -> classified regions -> Markdown pages -> a MkDocs Material site."""

__version__ = "0.1.0"

"""Views -> page text: the jinja2 environment, its templates and the escaping of every value."""

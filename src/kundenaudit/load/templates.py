"""Templates shipped as package data (the files `init` writes), read with placeholders filled."""

from __future__ import annotations

from importlib import resources


def template(name: str, values: dict[str, str]) -> str:
    """The template ``name`` with every ``{{key}}`` replaced by ``values[key]``."""
    text = (resources.files("kundenaudit") / "templates" / "init" / name).read_text("utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text

"""The README documents every command, option and table column (generated dictionary is fresh)."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from flows.cli import app
from flows.schemas import data_dictionary_markdown

README = Path(__file__).parent.parent / "README.md"


def test_readme_data_dictionary_is_the_generated_one():
    text = README.read_text(encoding="utf-8")
    block = re.search(
        r"<!-- data-dictionary:start -->\n(.*)<!-- data-dictionary:end -->", text, re.S
    )
    assert block, "README lacks the data-dictionary markers"
    assert block.group(1).strip() == data_dictionary_markdown().strip(), (
        "README data dictionary is stale: paste `minutes schema --markdown` between the markers"
    )


def test_readme_mentions_every_command_and_option():
    text = README.read_text(encoding="utf-8")
    command = typer.main.get_command(app)
    for name, sub in command.commands.items():
        assert f"minutes {name}" in text, name
        for param in sub.params:
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert opt in text, f"minutes {name} {opt} is undocumented"

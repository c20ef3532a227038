"""The documentation keeps up with the code: every sheet and column is documented."""

from __future__ import annotations

import re

from backend.importer.spec import SHEETS
from tests.conftest import ROOT


def test_every_sheet_and_column_is_in_data_format_doc() -> None:
    doc = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    missing = []
    for sheet in SHEETS:
        section = re.search(rf"### `{sheet.name}` — {sheet.zh}(.*?)(?=\n### |\Z)", doc, re.S)
        if section is None:
            missing.append(sheet.name)
            continue
        for col in sheet.cols:
            if f"| `{col.name}` | {col.zh} |" not in section.group(1):
                missing.append(f"{sheet.name}.{col.name}")
    assert missing == []


def test_readme_names_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "fieldsales demo" in readme
    assert "pytest" in readme

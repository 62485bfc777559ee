"""How a table column is declared: a pyarrow field with its description and allowed values."""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

STR, DATE = pa.string(), pa.date32()


def column(
    name: str, type_: pa.DataType, doc: str, nullable: bool = False, allowed: Iterable[str] = ()
) -> pa.Field:
    """A field whose metadata carries its description and, if any, its allowed values."""
    meta = {"description": doc}
    if allowed:
        meta["allowed"] = ", ".join(allowed)
    return pa.field(name, type_, nullable=nullable, metadata=meta)

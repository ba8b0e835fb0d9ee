from collections.abc import Iterable, Iterator
from typing import Any, Literal, overload

Format = Literal["markdown", "plain_text", "html"]

#: The version of the analysis JSON (SCHEMA.md).
SCHEMA_VERSION: int
#: The analysis's top-level fields, in the order the full document has them.
FIELDS: list[str]

def analyze(
    text: str,
    fields: list[str] | None = None,
    format: Format | None = None,
    reference_date: str | None = None,
) -> dict[str, Any]:
    """The analysis of `text` as a dict (SCHEMA.md). `fields` keeps only those top-level
    fields, in that order, and leaves out the layers no field asked for holds; `format` forces
    the input kind (detected otherwise); `reference_date` ("YYYY-MM-DD") resolves relative
    dates when the article has no timestamp. Raises ValueError on an unknown field, format
    or a malformed date."""

def analyze_json(
    text: str,
    fields: list[str] | None = None,
    format: Format | None = None,
    reference_date: str | None = None,
) -> str:
    """`analyze` as compact JSON: the bytes `lede batch` writes after `"analysis":`."""

@overload
def analyze_many(
    texts: Iterable[str], workers: int | None = None, fields: list[str] | None = None, as_json: Literal[False] = False
) -> Iterator[dict[str, Any]]: ...
@overload
def analyze_many(
    texts: Iterable[str], workers: int | None = None, fields: list[str] | None = None, *, as_json: Literal[True]
) -> Iterator[str]: ...
def analyze_many(
    texts: Iterable[str], workers: int | None = None, fields: list[str] | None = None, as_json: bool = False
) -> Iterator[dict[str, Any]] | Iterator[str]:
    """The analyses of `texts` in their order, computed on `workers` native threads (None:
    every core) while the caller consumes them; at most 32 texts per worker are in flight,
    so memory stays flat over any number of texts."""

def batch_lines(lines: Iterable[str | bytes], workers: int | None = None, fields: list[str] | None = None) -> Iterator[str]:
    """For each JSON Lines record of `lines` ({"id": ..., "text": ...} or {"id": ..., "html":
    ...}), the line `lede batch` writes for it, byte for byte, without the line end: an
    analysis record or an error record. Blank lines are skipped, as the command skips them."""

"""lede: news article analysis (the article's parts, names, quotes, dates) in Rust.

The analysis is the document of lede's SCHEMA.md, the same JSON `lede analyze` and
`lede batch` write. The GIL is released while an article is analyzed, and
`analyze_many` and `batch_lines` run on a pool of native threads, streaming: results
come back in input order while later items are still being analyzed.
"""

from ._lede import FIELDS, SCHEMA_VERSION, analyze, analyze_json, analyze_many, batch_lines

__all__ = ["FIELDS", "SCHEMA_VERSION", "analyze", "analyze_json", "analyze_many", "batch_lines"]

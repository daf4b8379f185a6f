"""article-ingest: raw news HTML in, one clean, versioned Article out."""

__version__ = "0.1.0"
PARSER_NAME = "article-ingest"

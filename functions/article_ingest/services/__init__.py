"""Services: the use cases, written against the Protocols in `article_ingest.ports` (no boto3 here)."""

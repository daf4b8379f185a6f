"""Adapters: the only code that talks to AWS. Each implements a Protocol from `article_ingest.ports`."""

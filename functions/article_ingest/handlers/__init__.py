"""Lambda entry points: thin functions that validate input and call a service."""

"""The one error a reader raises: a file or record that cannot become an article."""


class ReadError(Exception):
    """Carries a reason a user can act on; the ingest records it and goes on."""

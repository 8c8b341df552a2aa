"""Logging filters for the server log."""

import logging


class RefusalWithoutTraceback(logging.Filter):
    """An ordinary 403 or 404 is one line in the server log, not a traceback: it is a user
    being refused (and journaled), not a fault of the server."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) in (403, 404):
            record.exc_info = None
            record.exc_text = None
        return True

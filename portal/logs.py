import logging


class OneLineFormatter(logging.Formatter):
    """The message on one line, without its traceback: a refused request needs no more."""

    def format(self, record):
        record = logging.makeLogRecord(
            {**record.__dict__, "exc_info": None, "exc_text": None, "stack_info": None}
        )
        return super().format(record).replace("\r", "\\r").replace("\n", "\\n")

"""Errors that reach people: a stable code for tests and tools, a one-line message for people."""


class BaokuError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

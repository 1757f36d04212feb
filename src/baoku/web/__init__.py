"""The reader: a web app and JSON API over an archive (`baoku serve`)."""

from .app import create_app

__all__ = ["create_app"]

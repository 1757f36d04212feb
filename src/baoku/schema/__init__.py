"""The versioned JSON Schema of parse output, made from the model and kept in the repository.

`parse.v1.json` beside this file is the published contract; a test fails when the model and
the file disagree, so that a schema change is always a reviewed change (`make schema`).
"""

from __future__ import annotations

import json
from importlib import resources

from ..model import SCHEMA_VERSION, Document

MAJOR = SCHEMA_VERSION.split(".")[0]
SCHEMA_FILE = f"parse.v{MAJOR}.json"
SCHEMA_ID = f"https://baoku.dev/schema/{SCHEMA_FILE}"


def document_schema() -> dict:
    """The schema as the model defines it now."""
    schema = Document.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "description": "baoku parse output; offsets count Unicode code points.", **schema}


def published_schema() -> dict:
    """The schema file shipped with the package."""
    return json.loads(resources.files(__package__).joinpath(SCHEMA_FILE).read_text("utf-8"))

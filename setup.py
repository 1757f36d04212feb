"""The one thing pyproject.toml cannot yet say without a warning: the C extension of the entity
model's inner loops, built by pip from the source tree."""

from setuptools import Extension, setup

setup(ext_modules=[Extension("baoku.extract._chain", sources=["src/baoku/extract/_chain.c"])])

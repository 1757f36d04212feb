"""The one thing pyproject.toml cannot yet say without a warning: the C extensions of the inner
loops of the entity model and of the line tagger's trees, built by pip from the source tree."""

from setuptools import Extension, setup

setup(ext_modules=[Extension("baoku.extract._chain", sources=["src/baoku/extract/_chain.c"]),
                   Extension("baoku.segment._forest", sources=["src/baoku/segment/_forest.c"])])

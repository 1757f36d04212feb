"""The one thing pyproject.toml cannot yet say without a warning: the C extensions of the inner
loops of the entity model and of the line tagger's trees, built by pip from the source tree."""

from setuptools import Extension, setup

setup(ext_modules=[
    Extension(f"baoku.{name}", sources=[f"src/baoku/{name.replace('.', '/')}.c"],
              depends=["src/baoku/_buffers.h"])
    for name in ("extract._chain", "segment._forest")])

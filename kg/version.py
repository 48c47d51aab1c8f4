"""The version of kg (a leaf: the build hashes it into every build)."""

__version__ = "0.1.0"

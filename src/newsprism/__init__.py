"""newsprism: a self-hostable news coverage analyser."""

__version__ = "0.1.0"

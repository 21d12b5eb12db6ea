"""Publish Jekyll-format posts with Pelican."""

from .plugin import register

__all__ = ["register"]

"""Inference helpers: fixture closures, what names stand for, and (lazily) astroid."""

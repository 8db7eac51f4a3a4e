"""Evaluation: scorers on annotated data and the quality gate."""

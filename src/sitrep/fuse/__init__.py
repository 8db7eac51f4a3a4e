"""Fusion: stories, events, claims, quotes and control across articles and outlets."""

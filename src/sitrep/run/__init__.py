"""Runners: how stages run over the store (fusion, batch by batch, in transactions)."""

"""The dashboard: server-rendered pages over the API's data, each with a JSON twin."""

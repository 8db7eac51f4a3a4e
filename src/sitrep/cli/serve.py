"""`sitrep serve`: the REST API and the dashboard over a database, until Ctrl-C."""

from __future__ import annotations

import click

from sitrep.cli.extraction import make_extractor
from sitrep.cli.options import db_option, setting_option
from sitrep.errors import ConfigError

MAX_PORT = 65535


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface; mind --private then).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, MAX_PORT), help="Port.")
@setting_option("token", "--token", "token", metavar="TOKEN")
@click.option("--private", is_flag=True, help="Reads need the token too (the default: reads are open).")
@setting_option("web-assets", "--assets", "assets", metavar="DIR")
def serve_command(db: str, host: str, port: int, token: str, private: bool, assets: str) -> None:
    """Serve the dashboard at / and the API at /api (docs at /docs, schema at /openapi.json).

    POST /api/articles ingests articles (extracted and fused) and needs the token, sent as
    `Authorization: Bearer TOKEN`; without a token the server takes no writes.
    """
    import uvicorn

    from sitrep.api.app import create_app
    from sitrep.api.config import ServeConfig
    from sitrep.web.assets import assets_folder

    if private and not token:
        raise ConfigError("--private needs a token for the readers to send", fix="add --token TOKEN")
    config = ServeConfig(db_url=db, token=token or None, private=private, assets=assets_folder(assets))
    app = create_app(config, make_extractor=make_extractor)
    writes = "POST /api/articles with the token" if token else "no writes (start with --token to allow them)"
    click.echo(f"sitrep: serving {app.state.store.url} at http://{host}:{port}/ "
               f"(API docs: http://{host}:{port}/docs; {writes}; Ctrl-C stops)", err=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")

"""``serve``: the web service and the drafting page under uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from topicmine.cli.common import ConfigOpt, VerboseOpt, WorkdirOpt, _run, _setup_logging

def serve(
    host: Optional[str] = typer.Option(None, "--host", help="监听地址（默认取设置 service.host，即 127.0.0.1）。"),
    port: Optional[int] = typer.Option(None, "--port", help="TCP 端口（默认取设置 service.port，即 8000）。"),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    verbose: int = VerboseOpt,
) -> None:
    """启动网络服务和文稿拆分页面（uvicorn，topicmine.service.app:create_app）。"""
    import os

    import uvicorn

    from topicmine.config import load_settings

    _setup_logging(verbose)
    settings = _run(lambda: load_settings(config, workdir=workdir))
    # the factory loads its own settings in the server process: hand the choices over by env,
    # the same way `uvicorn --factory topicmine.service.app:create_app` is configured in production
    if workdir is not None:
        os.environ["TOPICMINE_WORKDIR"] = str(Path(workdir).resolve())
    if config is not None:
        os.environ["TOPICMINE_CONFIG"] = str(Path(config).resolve())
    svc = settings.service
    from topicmine.service.limits import bind_warnings  # never open to the network silently
    from topicmine.service.server import uvicorn_options

    for warning in bind_warnings(host or svc.host, svc.api_key, svc.allowed_hosts):
        typer.secho(warning, err=True, fg="red", bold=True)
    typer.echo(f"topicmine 服务 / service: http://{host or svc.host}:{port or svc.port}/  (API docs /docs, workdir {settings.workdir})", err=True)
    uvicorn.run(
        "topicmine.service.app:create_app",
        factory=True,
        host=host or svc.host,
        port=port or svc.port,
        log_level="info" if verbose else "warning",
        # the API key may appear in no access-log line: uvicorn logs paths only, never headers
        access_log=bool(verbose),
        # while the model loads, the event loop can be starved of the GIL for seconds; uvicorn's 5-s idle
        # timer then fires together with a waiting request and resets a keep-alive client mid-request
        timeout_keep_alive=30,
        # head/body read deadlines and a connection cap (slow clients): uvicorn has neither
        **uvicorn_options(svc),
    )

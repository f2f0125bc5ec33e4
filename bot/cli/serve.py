"""`serve`: the web app (web chat, webhooks, consoles) with its outbox sender."""

from __future__ import annotations

import argparse
import logging
from typing import Any

import uvicorn

from bot.app import build
from bot.cli.nlu_hook import classifier_factory
from bot.settings import Settings, load_settings
from bot.web import logs
from bot.web.app import create_app
from bot.web.slow_clients import with_deadlines

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("serve", help="run the bot's web server")
    parser.add_argument("--host", help="interface to listen on (default: web.host)")
    parser.add_argument("--port", type=int, help="port to listen on (default: web.port)")
    parser.set_defaults(func=run)


def server_options(settings: Settings) -> dict[str, Any]:
    """uvicorn's limits from `web:`: slow or oversized requests, idle and too many connections."""
    web = settings.web
    return {
        "http": with_deadlines(web.header_timeout_seconds, web.body_timeout_seconds),
        "h11_max_incomplete_event_size": web.max_header_bytes,
        "timeout_keep_alive": web.keep_alive_seconds,
        "limit_concurrency": web.limit_concurrency,
        "log_config": None,
        "access_log": False,  # bot.web.access writes its own line, without query strings
        "server_header": False,
        "proxy_headers": True,
        # Console live-update streams stay open; do not let them hold a shutdown for long.
        "timeout_graceful_shutdown": 3,
    }


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    logs.configure(settings.log.format)
    sapar = build(settings, classifier=classifier_factory(settings))
    host = args.host or settings.web.host
    port = args.port or settings.web.port
    log.info("serving the web chat on http://%s:%s/", host, port)
    uvicorn.run(create_app(sapar), host=host, port=port, **server_options(settings))
    return 0

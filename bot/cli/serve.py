"""`serve`: the web app (web chat, webhooks, consoles) with its outbox sender."""

from __future__ import annotations

import argparse
import logging
from typing import Any

import uvicorn

from bot.app import build
from bot.cli.nlu_hook import classifier_factory
from bot.settings import load_settings
from bot.web.app import create_app

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("serve", help="run the bot's web server")
    parser.add_argument("--host", help="interface to listen on (default: web.host)")
    parser.add_argument("--port", type=int, help="port to listen on (default: web.port)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    sapar = build(settings, classifier=classifier_factory(settings))
    host = args.host or settings.web.host
    port = args.port or settings.web.port
    log.info("serving the web chat on http://%s:%s/", host, port)
    uvicorn.run(
        create_app(sapar),
        host=host,
        port=port,
        log_config=None,
        proxy_headers=True,
        # Console live-update streams stay open; do not let them hold a shutdown for long.
        timeout_graceful_shutdown=3,
    )
    return 0

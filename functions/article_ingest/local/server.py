"""moto's server on a loopback address, as a context manager.

`moto.server.ThreadedMotoServer` binds inside its thread: a busy port kills the thread and `start()` waits forever,
and `stop()` leaves the socket open. Here the socket is bound in the caller's thread (a busy port raises `OSError`
at once), port 0 picks a free port, and `close()` frees the port.
"""

from __future__ import annotations

import logging
import threading
from types import TracebackType
from unittest import mock

from moto.core.config import default_user_config
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import BaseWSGIServer, make_server

LOOPBACK = "127.0.0.1"


class LocalMotoServer:
    """A moto server on `127.0.0.1:port` serving every AWS service, until `close()`."""

    def __init__(self, port: int = 4566) -> None:
        # Werkzeug logs one line per request to stderr: far too loud for a pipeline doing thousands of calls.
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        # moto's own Lambda must not look for Docker: our handlers run in this process (see `local.stack`).
        self._config = mock.patch.dict(default_user_config, {"lambda": {"use_docker": False}})
        self._config.start()
        app = DomainDispatcherApplication(create_backend_app)
        try:
            self._server: BaseWSGIServer = make_server(
                LOOPBACK, port, app, threaded=True, request_handler=MotoRequestHandler
            )
        except BaseException:
            self._config.stop()
            raise
        self._thread = threading.Thread(target=self._server.serve_forever, name="moto-server", daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def endpoint_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
        self._config.stop()

    def __enter__(self) -> LocalMotoServer:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

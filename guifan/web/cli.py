"""``guifan serve``: the production web server with its supervised background worker."""

from __future__ import annotations

import argparse
import os
import sys

from guifan.core.cli import CommandError, setup


def cmd_serve(args: argparse.Namespace) -> int:
    setup()
    from django.conf import settings
    from django.core.management import call_command

    from guifan.accounts.models import User

    if (
        not settings.DEMO_MODE
        and not args.allow_demo
        and User.objects.filter(is_demo=True).exists()
    ):
        raise CommandError(
            "数据库中存在使用公开密码的演示账号，生产模式拒绝启动"
            "（演示请用 guifan demo，确需启动请加 --allow-demo）"
        )
    call_command("collectstatic", interactive=False, verbosity=0)
    serve(args.host, args.port, workers=args.workers, worker=not args.no_worker)
    return 0


class _Worker:
    """``guifan worker`` beside the web server, started again should it ever exit."""

    def __init__(self) -> None:
        import threading

        self.stopping = threading.Event()
        self.process = self._start()
        threading.Thread(target=self._watch, daemon=True).start()

    @staticmethod
    def _start():
        import subprocess

        from guifan.cases.worker import die_with_parent

        command = [sys.executable, "-m", "guifan.cli", "worker"]
        return subprocess.Popen(command, env={**os.environ}, preexec_fn=die_with_parent)

    def _watch(self) -> None:
        while not self.stopping.is_set():
            self.process.wait()
            if not self.stopping.wait(2):
                self.process = self._start()

    def stop(self) -> None:
        self.stopping.set()
        self.process.terminate()
        self.process.wait(timeout=20)


def serve(host: str, port: int, *, workers: int, worker: bool = True) -> None:
    from django.core.wsgi import get_wsgi_application
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    application = get_wsgi_application()
    connections.close_all()  # never share a connection with the forked workers
    # Under systemd the worker is its own unit (deploy/systemd/guifan-worker.service).
    background = _Worker() if worker else None

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in {
                "bind": f"{host}:{port}",
                "workers": workers,
                "threads": 4,
                "worker_class": "gthread",
                "timeout": 120,
                # Idle keep-alive connections are held longer than nginx's upstream keepalive
                # (60 s) and a browser's pause: with gunicorn's 2 s a request sent as the
                # server closed the idle connection was reset (seen under load).
                "keepalive": 75,
                "accesslog": "-",
            }.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    try:
        Server().run()
    finally:
        if background:
            background.stop()


def add_commands(sub) -> None:
    serve_parser = sub.add_parser("serve", help="以生产方式启动服务（gunicorn + whitenoise）")
    serve_parser.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    serve_parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    serve_parser.add_argument("--workers", type=int, default=2, help="工作进程数（默认 2）")
    serve_parser.add_argument(
        "--allow-demo", action="store_true", help="允许在有演示账号的数据库上启动"
    )
    serve_parser.add_argument(
        "--no-worker",
        action="store_true",
        help="不启动后台任务进程（它由单独的 guifan worker 服务运行时，如 systemd 部署）",
    )
    serve_parser.set_defaults(func=cmd_serve)

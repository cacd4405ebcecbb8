"""`vigil serve`: which binds are refused, and the `user` and `serve` commands."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from vigil.cli.web import register
from vigil.errors import ConfigError
from vigil.settings import Settings
from vigil.store import Store
from vigil.web import ServeOptions, check_bind
from vigil.web.server import prepare

from ..conftest import PASSPHRASE

CERT = Path("cert.pem")
KEY = Path("key.pem")


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.5", "::1", "localhost"])
def test_loopback_is_always_allowed(host: str) -> None:
    check_bind(ServeOptions(host=host), accounts=False)


@pytest.mark.parametrize(
    ("options", "accounts", "message"),
    [
        (ServeOptions(host="0.0.0.0"), False, "without accounts"),
        (ServeOptions(host="192.0.2.10", certfile=CERT, keyfile=KEY), False, "without accounts"),
        (ServeOptions(host="0.0.0.0"), True, "without TLS"),
        (ServeOptions(host="0.0.0.0", certfile=CERT), True, "both --certfile and --keyfile"),
    ],
)
def test_exposed_binds_are_refused(options: ServeOptions, accounts: bool, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        check_bind(options, accounts)


@pytest.mark.parametrize(
    "options",
    [
        ServeOptions(host="0.0.0.0", certfile=CERT, keyfile=KEY),
        ServeOptions(host="0.0.0.0", behind_proxy=True),
    ],
)
def test_accounts_with_tls_or_a_proxy_may_serve_the_network(options: ServeOptions) -> None:
    check_bind(options, accounts=True)


def test_prepare_knows_accounts_only_with_the_server_passphrase(
    settings: Settings, store: Store
) -> None:
    from vigil.accounts import Role, add_user

    add_user(store, settings, "admin", Role.ADMIN, "admin password long enough")
    exposed = ServeOptions(host="0.0.0.0", behind_proxy=True)
    with pytest.raises(ConfigError, match="without accounts"):
        prepare(settings, exposed, None)  # no passphrase: the server cannot see the accounts
    opened = prepare(settings, exposed, PASSPHRASE)
    assert opened is not None
    opened.close()


def _cli() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test root."""

    register(app)
    return app


def test_user_commands(cli_env: dict[str, str], store: Store) -> None:
    runner = CliRunner()
    app = _cli()
    env = {**cli_env, "VIGIL_USER_PASSWORD": "a long enough password"}
    added = runner.invoke(app, ["user", "add", "amina", "--role", "editor"], env=env)
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["user", "list"], env=env)
    assert "amina" in listed.output and "editor" in listed.output and "active" in listed.output
    assert runner.invoke(app, ["user", "passwd", "amina"], env=env).exit_code == 0
    assert runner.invoke(app, ["user", "disable", "amina"], env=env).exit_code == 0
    assert "disabled" in runner.invoke(app, ["user", "list"], env=env).output
    bad_role = runner.invoke(app, ["user", "add", "bo", "--role", "king"], env=env)
    assert bad_role.exit_code == 2


def test_serve_refuses_the_network_without_accounts(cli_env: dict[str, str], store: Store) -> None:
    result = CliRunner().invoke(_cli(), ["serve", "--host", "0.0.0.0"], env=cli_env)
    assert result.exit_code != 0
    assert isinstance(result.exception, ConfigError)

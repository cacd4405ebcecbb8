"""`vigil serve`: decide the mode, refuse unsafe binds, run the app under uvicorn.

Personal mode (no accounts): loopback only; the browser unlocks the store.
Organisation mode (accounts exist): the server opens the store with the
passphrase it holds (VIGIL_PASSPHRASE_FILE or VIGIL_PASSPHRASE), everyone
signs in. A non-loopback address is refused unless accounts exist and either
TLS is configured (certificate and key) or a TLS-terminating proxy is in
front (`--behind-proxy`, which also trusts its X-Forwarded-* headers).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from vigil.accounts import has_accounts
from vigil.errors import ConfigError
from vigil.hardening import harden_process
from vigil.settings import Settings
from vigil.store import Store, open_store
from vigil.web.hosts import is_loopback

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    certfile: Path | None = None
    keyfile: Path | None = None
    behind_proxy: bool = False
    proxy_ips: str = "127.0.0.1"
    """Addresses whose X-Forwarded-* headers are trusted with --behind-proxy."""

    @property
    def tls(self) -> bool:
        return self.certfile is not None and self.keyfile is not None


def check_bind(options: ServeOptions, accounts: bool) -> None:
    """Refuse a bind that would expose the store; the message says what to change."""
    if (options.certfile is None) != (options.keyfile is None):
        raise ConfigError("give both --certfile and --keyfile, or neither")
    if is_loopback(options.host):
        return
    if not accounts:
        raise ConfigError(
            f"refusing to serve on {options.host}: without accounts Vigil serves 127.0.0.1 only;"
            " add users with `vigil user add NAME --role admin` and give the server the store"
            " passphrase (VIGIL_PASSPHRASE_FILE)"
        )
    if not options.tls and not options.behind_proxy:
        raise ConfigError(
            f"refusing to serve on {options.host} without TLS: give --certfile and --keyfile,"
            " or --behind-proxy when a TLS-terminating proxy is in front"
        )


def prepare(settings: Settings, options: ServeOptions, passphrase: str | None) -> Store | None:
    """Open the store when the server holds its passphrase, and check the bind."""
    store = open_store(settings, passphrase) if passphrase is not None else None
    try:
        check_bind(options, store is not None and has_accounts(store))
    except ConfigError:
        if store is not None:
            store.close()
        raise
    return store


def serve(settings: Settings, options: ServeOptions, passphrase: str | None) -> None:
    """Run the web workspace until interrupted."""
    import uvicorn  # imported here: only `vigil serve` needs the server

    from vigil.web.app import create_app

    harden_process()  # no core dump, not dumpable, umask 077: before the store is unlocked
    store = prepare(settings, options, passphrase)
    if not is_loopback(options.host) and not settings.allowed_hosts:
        log.warning(
            "serving on %s with no VIGIL_ALLOWED_HOSTS: only loopback host names are answered",
            options.host,
        )
    try:
        app = create_app(settings, store)
        uvicorn.run(
            app,
            host=options.host,
            port=options.port,
            ssl_certfile=str(options.certfile) if options.certfile else None,
            ssl_keyfile=str(options.keyfile) if options.keyfile else None,
            proxy_headers=options.behind_proxy,
            forwarded_allow_ips=options.proxy_ips if options.behind_proxy else None,
            server_header=False,
            date_header=False,
            access_log=False,  # request lines carry search words and file names
            log_level=logging.getLevelName(logging.getLogger().getEffectiveLevel()).lower(),
        )
    finally:
        if store is not None:
            store.close()

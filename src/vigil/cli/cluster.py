"""`--cluster`: the option of `vigil ingest` and `vigil extract`, and the pool it opens."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from vigil.cli.printing import err, shown
from vigil.settings import Settings

if TYPE_CHECKING:
    from vigil.ingest.cluster import ClusterPool

ClusterOption = Annotated[
    str | None,
    typer.Option(
        "--cluster",
        metavar="ADDRESS",
        help="A Dask scheduler (tcp://HOST:8786, tls://...) to parse and extract on"
        " (default: VIGIL_CLUSTER; none: this machine).",
    ),
]


@contextmanager
def cluster_pool(settings: Settings) -> Iterator[ClusterPool | None]:
    """The cluster's pool when one is set, else None (local mode); shows the dashboard."""
    if not settings.cluster:
        yield None
        return
    from vigil.ingest.cluster import ClusterPool  # distributed loads only in cluster mode

    with ClusterPool(settings) as pool:
        err.print(f"cluster {shown(settings.cluster)}: dashboard {shown(pool.dashboard_link)}")
        yield pool

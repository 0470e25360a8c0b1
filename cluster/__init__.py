"""Per-article work on a Dask distributed cluster (``--cluster ADDRESS``).

Sits above the stages it distributes (ingest, nlp, crosscheck) and below ``ui``. Without an
address nothing here is imported: the embedded default stays one process and SQLite.
"""

from cluster.runner import (
    CLUSTER_ENV,
    check_on_cluster,
    cluster_address,
    connect,
    extract_on_cluster,
)

__all__ = [
    "CLUSTER_ENV",
    "check_on_cluster",
    "cluster_address",
    "connect",
    "extract_on_cluster",
]

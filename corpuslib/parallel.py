"""Run a function over chunks of work: in-process, in worker processes, or on Dask.

One small abstraction used by the build, counting and sentiment so that
``jobs`` and ``engine`` mean the same everywhere, and results come back in input
order (so parallel and distributed runs give the same tables as serial ones).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

from corpuslib.errors import CorpuslibError, EngineError

__all__ = [
    "ENGINES",
    "SCHEDULER_TIMEOUT_S",
    "check_engine",
    "SCHEDULER_ENV",
    "chunked",
    "map_ordered",
    "resolve_engine",
]


T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "dask")


#: Seconds to wait for a Dask scheduler given with ``--scheduler``.
SCHEDULER_TIMEOUT_S = 10.0


#: Environment variable naming a running Dask scheduler (``tcp://host:8786``): every
#: call with the default ``engine="local"`` then runs on that cluster, so notebooks
#: run by papermill or ``corpuslib run`` (whose kernels inherit it) use the cluster.
SCHEDULER_ENV = "CORPUSLIB_SCHEDULER"


def resolve_engine(engine: str, scheduler: str | None) -> tuple[str, str | None]:
    """``(engine, scheduler)`` after :data:`SCHEDULER_ENV`: ``("dask", address)`` when
    it is set and the call asked for the local engine without an address."""
    address = os.environ.get(SCHEDULER_ENV, "").strip()
    if engine == "local" and scheduler is None and address:
        return "dask", address
    if scheduler and engine == "local":
        return "dask", scheduler
    return engine, scheduler


def check_engine(engine: str, jobs: int) -> None:
    """Raise :class:`CorpuslibError` for an unknown engine or a job count below 1."""
    if engine not in ENGINES:
        raise EngineError(f"--engine must be one of {ENGINES}, not {engine!r}")
    if not isinstance(jobs, int) or jobs < 1:
        raise EngineError(f"--jobs must be a positive integer, not {jobs!r}")


def chunked(items: Sequence[T], size: int) -> list[Sequence[T]]:
    """Split ``items`` into consecutive chunks of at most ``size``.

    >>> chunked([1, 2, 3, 4, 5], 2)
    [[1, 2], [3, 4], [5]]
    """
    return [items[i : i + size] for i in range(0, len(items), max(1, size))]


def map_ordered(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    preload: Sequence[str] = (),
) -> Iterator[R]:
    """Apply ``func`` to every item, yielding results in input order.

    Parameters
    ----------
    func : callable
        A module-level function (it is pickled to worker processes).
    items : iterable
        Work items (chunks).
    jobs : int
        ``1``: run in this process. ``> 1`` with ``engine="local"``: that many
        worker processes (``forkserver`` start method: workers start clean, so
        threads of this process, e.g. Arrow's, cannot deadlock them).
        With ``engine="dask"``: workers of the local cluster.
    engine : {"local", "dask"}
        ``dask`` needs the ``[dask]`` extra; it starts a
        ``distributed.LocalCluster`` unless ``scheduler`` gives an address
        (``tcp://host:8786``). A *scheduler* address, or the environment variable
        :data:`SCHEDULER_ENV`, makes ``local`` mean that cluster.

    preload : sequence of str
        Modules the forkserver imports before it forks the workers (local engine,
        ``jobs > 1``): what they load (language models) is shared by every worker.
        Only the first pool of a process starts the forkserver, so only its list counts.

    Yields
    ------
    Results of ``func``, in the order of ``items``.
    """
    check_engine(engine, jobs)
    engine, scheduler = resolve_engine(engine, scheduler)
    if engine == "dask":
        yield from _map_dask(func, items, jobs=jobs, scheduler=scheduler)
        return
    if jobs == 1:
        for item in items:
            yield func(item)
        return
    context = multiprocessing.get_context("forkserver")
    if preload:
        context.set_forkserver_preload(list(preload))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from _bounded(pool.submit, func, items, window=2 * jobs)


def _bounded(
    submit: Callable[..., Any], func: Callable, items: Iterable, *, window: int
) -> Iterator[Any]:
    """Submit lazily, keeping at most ``window`` items in flight; yield in order."""
    pending: deque = deque()
    for item in items:
        pending.append(submit(func, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _map_dask(
    func: Callable[[Any], Any], items: list, *, jobs: int, scheduler: str | None
) -> Iterator[Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise CorpuslibError(
            "engine='dask' needs the [dask] extra: pip install 'corpuslib[dask]'"
        ) from exc
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=SCHEDULER_TIMEOUT_S)
        except (OSError, TimeoutError, ValueError) as exc:
            raise EngineError(
                f"--scheduler {scheduler}: cannot reach the Dask scheduler within "
                f"{SCHEDULER_TIMEOUT_S:g} s ({type(exc).__name__}: {exc}); check the address "
                "or leave --scheduler out for a local cluster"
            ) from None
    else:
        cluster = LocalCluster(
            n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    try:
        yield from _bounded(
            lambda f, item: client.submit(f, item, pure=False), func, items, window=max(4, 4 * jobs)
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

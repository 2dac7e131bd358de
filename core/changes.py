"""Announcing that records changed, for whatever is kept until they change (the figure cache).

Model signals announce single saves and deletes; bulk writes, which send no signals, announce
themselves with `records_changed`. Apps below `indicators` use this module instead of importing
the figure cache, which listens (indicators/figure_cache.py).
"""

import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.dispatch import Signal

# Sent with la_ids and raa_ids (sets of ids) and everything (True: no area can be named).
records_changed = Signal()

_bulk = threading.local()


def figures_changed(
    *, la_ids: Iterable[int] = (), raa_ids: Iterable[int] = (), everything: bool = False
) -> None:
    """Announce that records of these LAs and RAAs (or of every area) changed."""
    records_changed.send(
        sender=None, la_ids=set(la_ids), raa_ids=set(raa_ids), everything=everything
    )


@contextmanager
def changing_in_bulk(*, la_ids: Iterable[int] = (), raa_ids: Iterable[int] = ()):
    """Inside the block, model signals announce nothing; the block's areas are announced once at
    its end. For writes of many rows of known areas (an import, deleting an LA's children)."""
    depth = getattr(_bulk, "depth", 0)
    _bulk.depth = depth + 1
    try:
        yield
    finally:
        _bulk.depth = depth
    figures_changed(la_ids=la_ids, raa_ids=raa_ids)


def in_bulk() -> bool:
    """True inside changing_in_bulk: model signals are not announced one by one."""
    return getattr(_bulk, "depth", 0) > 0

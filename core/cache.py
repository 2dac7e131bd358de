"""A Redis cache that the portal can do without: while Redis is down, reads miss and writes are
dropped (with a warning in the log) instead of failing the request.

The portal keeps nothing in the cache that it cannot lose: import progress and the API's
throttle counts.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)

MISSES = {"get_many": {}, "has_key": False, "add": False, "touch": False, "delete": False}


def _forgiving(name):
    method = getattr(RedisCache, name)

    @functools.wraps(method)
    def call(self, key_or_keys, *args, **kwargs):
        try:
            return method(self, key_or_keys, *args, **kwargs)
        except (ConnectionError, TimeoutError) as error:
            logger.warning("Cache unavailable (%s %s): %s", name, key_or_keys, error)
            if name == "get":
                return kwargs.get("default", args[0] if args else None)
            if name == "set_many":
                return list(key_or_keys)  # the keys not set
            return MISSES.get(name)

    return call


class ForgivingRedisCache(RedisCache):
    """Django's Redis cache, answering a miss while Redis cannot be reached."""

    def clear(self):
        try:
            return super().clear()
        except (ConnectionError, TimeoutError) as error:
            logger.warning("Cache unavailable (clear): %s", error)
            return False


for _name in (
    "get",
    "set",
    "add",
    "touch",
    "delete",
    "get_many",
    "set_many",
    "delete_many",
    "has_key",
):
    setattr(ForgivingRedisCache, _name, _forgiving(_name))

"""
The API's anonymous rate limit, counted with one atomic increment in the shared cache.

DRF's own throttles keep a list of every request's timestamp in the cache and rewrite it on each
request: at 1,000 requests an hour that is a 10 KB read-modify-write per request, and two servers
doing it at once can each let a request through that together exceed the limit. A fixed window with
an atomic increment in Redis (INCR, with its expiry set in the same round trip) cannot be raced past.
"""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonFixedWindowThrottle(AnonRateThrottle):
    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:  # a signed-in user: not counted here
            return True
        window = int(self.timer() // self.duration)
        self.window_ends = (window + 1) * self.duration
        key = f"{self.key}:{window}"
        try:
            if hasattr(self.cache, "count_in_window"):  # Redis (core/cache_backends.py): one round trip
                count = self.cache.count_in_window(key, timeout=self.duration + 1)
            else:
                self.cache.add(key, 0, timeout=self.duration + 1)
                count = self.cache.incr(key)
        except ValueError:
            # Evicted between add() and incr(): start the window again. Also what a cache that does not answer
            # raises (core/cache_backends.py): while Redis is down every request is let through (fail open).
            self.cache.add(key, 1, timeout=self.duration + 1)
            count = 1
        return count <= self.num_requests

    def get_ident(self, request):
        # The client's address as the login lockout sees it (settings.CLIENT_IP_META_KEYS). DRF's own
        # get_ident trusts X-Forwarded-For, which a client can set to a new value on every request.
        for key in settings.CLIENT_IP_META_KEYS:
            if request.META.get(key):
                return request.META[key].split(",")[0].strip()
        return ""

    def wait(self):
        return max(0.0, self.window_ends - self.timer())

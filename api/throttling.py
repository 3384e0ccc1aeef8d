"""How often clients may call (settings.REST_FRAMEWORK names this module: it must not
import DRF's views, which read these settings while they load)."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class RateFromSettingsMixin:
    """Read the rate at each request (so tests may change it); `off` means no limit."""

    def get_rate(self):
        rate = (api_settings.DEFAULT_THROTTLE_RATES or {}).get(self.scope)
        if rate is None or rate.strip().lower() in {"off", "none", ""}:
            return None
        return rate.strip()


class AnonThrottle(RateFromSettingsMixin, AnonRateThrottle):
    """Limit anonymous clients, by address, to DJANGO_API_THROTTLE_ANON."""


class UserThrottle(RateFromSettingsMixin, UserRateThrottle):
    """Limit each account to DJANGO_API_THROTTLE_USER, and only accounts.

    DRF's UserRateThrottle also limits anonymous clients (by address) at the user rate,
    so `DJANGO_API_THROTTLE_ANON=off` would still leave them a limit: not here.
    """

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)

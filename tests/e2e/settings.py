"""Settings for the site the browser tests drive: the test settings, with static files served by
WhiteNoise straight from the finders so no `collectstatic` run is needed."""

from config.settings.test import *  # noqa: F403

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Every browser test signs in from 127.0.0.1 at machine speed: some 35 sign-ins in under two
# minutes, which on a fast machine crosses allauth's default "login" limit of 30 a minute per IP
# and turns a sign-in into a 429 page. The limit on failed sign-ins stays as in production.
ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS, "login": "300/m/ip"}  # noqa: F405

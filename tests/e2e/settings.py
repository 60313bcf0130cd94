"""Settings for the site the browser tests drive: the test settings, with static files served by
WhiteNoise straight from the finders so no `collectstatic` run is needed."""

from config.settings.test import *  # noqa: F403

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

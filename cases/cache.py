"""Everything the case pages cache (facet data, rendered case sections, the quote of the day) is
keyed by the content version: saving any page or changing an actor, theme, quote or district bumps
it (home/signals.py), so cached fragments never outlive the content they show: a case lists toolbox
and lesson titles too, and a change is rare next to the page views it saves."""

from home import cache_versions

TIMEOUT = 60 * 60 * 24


def cache_version():
    return cache_versions.current(cache_versions.CONTENT)

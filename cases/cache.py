"""One version number for everything the case pages cache (facet data, rendered case sections,
the quote of the day). Publishing any page or changing an actor, theme, quote or district bumps it,
so cached fragments never outlive the content they show: a case lists toolbox and lesson titles
too, and a publish is rare next to the page views it saves."""

from home import cache_versions

TIMEOUT = 60 * 60 * 24


def cache_version():
    return cache_versions.current("cases")


def invalidate(**kwargs):
    cache_versions.bump("cases")

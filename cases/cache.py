"""Everything the case pages cache (facet data, rendered case sections, the quote of the day) is
keyed by the content version (``home.cache_versions.cached`` and ``key``): saving any page or
changing an actor, theme, quote or district bumps it (home/invalidation.py), so cached fragments
never outlive the content they show: a case lists toolbox and lesson titles too, and a change is
rare next to the page views it saves."""

TIMEOUT = 60 * 60 * 24

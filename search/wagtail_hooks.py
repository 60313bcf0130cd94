from wagtail import hooks

from . import vocabulary


def load_vocabulary(ctx):
    # After every content app has loaded (orders below 50), so every word is in the index.
    ctx.count("search vocabulary words", vocabulary.rebuild())


@hooks.register("register_catalogue_loader")
def search_loader():
    return {"order": 50, "name": "search vocabulary", "load": load_vocabulary}

from .pages import ErfaDayMaterial, ErfaDayPage, ErfaIndexPage
from .posts import ExperiencePost, ExperiencePostTag
from .signups import SignUp

__all__ = [
    "ErfaDayMaterial",
    "ErfaDayPage",
    "ErfaIndexPage",
    "ExperiencePost",
    "ExperiencePostTag",
    "SignUp",
]

"""Messages of Wagtail's own that its Danish translation lacks, so an editor saw them in English
(an oversized upload). Listed here so that ``makemessages`` keeps them in site/locale, where they
are translated; LOCALE_PATHS come before the apps' own catalogues."""

from django.utils.translation import gettext_noop

WAGTAIL_MESSAGES = [
    gettext_noop("This file is too big (%(file_size)s). Maximum filesize %(max_filesize)s."),
    gettext_noop("This file is too big. Maximum filesize %(max_filesize)s."),
]

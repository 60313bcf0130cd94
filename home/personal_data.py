"""The account itself: profile, e-mail addresses, single sign-on, sign-in sessions, the admin's
profile and comments. Erased last (order 0), when every other app has used the name and address."""

from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Comment, CommentReply, ModelLogEntry, Page, PageSubscription
from wagtail.users.models import UserProfile

from privacy.erasure import ANONYMOUS_FIRST_NAME, ANONYMOUS_LAST_NAME, ANONYMOUS_NAME, anonymous_email
from privacy.registry import Dataset, PersonalData, register

from .models import FormerName
from .review import reviewed_models


def sessions_of(user):
    """The user's unexpired sign-in sessions. A session row does not say whose it is without
    decoding it: the site's few thousand sessions are read once, on an export or an erasure."""
    user_id = str(user.pk)
    sessions = Session.objects.filter(expire_date__gt=timezone.now()).iterator()
    return [s for s in sessions if s.get_decoded().get("_auth_user_id") == user_id]


@register
class AccountData(PersonalData):
    key = "account"
    title = _("Konto og profil")
    order = 0

    def export(self, user):
        profile = Dataset(
            "profile",
            _("Profil"),
            [
                ("email", _("E-mail")),
                ("first_name", _("Fornavn")),
                ("last_name", _("Efternavn")),
                ("job_title", _("Stilling")),
                ("district", _("Politikreds")),
                ("roles", _("Roller")),
                ("date_joined", _("Oprettet")),
                ("last_login", _("Sidst logget ind")),
            ],
            [
                {
                    "email": user.email,
                    "first_name": user.first_name,
                    "last_name": user.last_name,
                    "job_title": user.job_title,
                    "district": user.district.name if user.district_id else "",
                    "roles": sorted(user.groups.values_list("name", flat=True)),
                    "date_joined": user.date_joined,
                    "last_login": user.last_login,
                }
            ],
        )
        addresses = Dataset(
            "email_addresses",
            _("E-mailadresser"),
            [("email", _("E-mail")), ("verified", _("Bekræftet")), ("primary", _("Primær"))],
            list(EmailAddress.objects.filter(user=user).values("email", "verified", "primary")),
        )
        sso = Dataset(
            "single_sign_on",
            _("Enkeltlogon"),
            [
                ("provider", _("Tjeneste")),
                ("uid", _("Id hos tjenesten")),
                ("last_login", _("Sidst logget ind")),
                ("extra_data", _("Oplysninger fra tjenesten")),
            ],
            list(
                SocialAccount.objects.filter(user=user).values("provider", "uid", "last_login", "extra_data")
            ),
        )
        sessions = Dataset(
            "sessions",
            _("Aktive login-sessioner"),
            [("expires", _("Udløber"))],
            [{"expires": session.expire_date} for session in sessions_of(user)],
        )
        former = Dataset(
            "former_names",
            _("Tidligere navne og e-mailadresser"),
            [("kind", _("Slags")), ("value", _("Tidligere")), ("replaced_at", _("Ændret"))],
            [
                {"kind": former.get_kind_display(), "value": former.value, "replaced_at": former.replaced_at}
                for former in FormerName.objects.filter(user=user)
            ],
        )
        datasets = [profile, former, addresses, sso, sessions]
        admin_profile = UserProfile.objects.filter(user=user).first()
        if admin_profile is not None:
            datasets.append(
                Dataset(
                    "admin_profile",
                    _("Indstillinger i redaktørværktøjet"),
                    [("language", _("Sprog")), ("time_zone", _("Tidszone")), ("avatar", _("Profilbillede"))],
                    [
                        {
                            "language": admin_profile.preferred_language,
                            "time_zone": admin_profile.current_time_zone,
                            "avatar": admin_profile.avatar.name if admin_profile.avatar else "",
                        }
                    ],
                )
            )
        comments = [
            {"page": comment.page.title, "text": comment.text, "created_at": comment.created_at}
            for comment in Comment.objects.filter(user=user).select_related("page")
        ] + [
            {"page": reply.comment.page.title, "text": reply.text, "created_at": reply.created_at}
            for reply in CommentReply.objects.filter(user=user).select_related("comment__page")
        ]
        if comments:
            datasets.append(
                Dataset(
                    "comments",
                    _("Kommentarer på sider"),
                    [("page", _("Side")), ("text", _("Kommentar")), ("created_at", _("Skrevet"))],
                    comments,
                )
            )
        return datasets

    def erase(self, user):
        store = import_module(settings.SESSION_ENGINE).SessionStore
        sessions = sessions_of(user)
        for session in sessions:
            # Through the session store, so a cached copy goes too (cached_db).
            store(session_key=session.session_key).delete()
        addresses, _detail = EmailAddress.objects.filter(user=user).delete()
        social, _detail = SocialAccount.objects.filter(user=user).delete()
        profile = UserProfile.objects.filter(user=user).first()
        if profile is not None:
            if profile.avatar:
                profile.avatar.delete(save=False)
            profile.delete()
        replies, _detail = CommentReply.objects.filter(user=user).delete()
        comments, _detail = Comment.objects.filter(user=user).delete()
        PageSubscription.objects.filter(user=user).delete()
        # A page the person had locked would stay locked with nobody to unlock it.
        Page.objects.filter(locked_by=user).update(locked=False, locked_by=None, locked_at=None)
        # The admin's history names the account it changed: the entries stay, the name goes.
        user_type = ContentType.objects.get_for_model(user)
        ModelLogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
            label=ANONYMOUS_NAME, data={}
        )
        LogEntry.objects.filter(content_type=user_type, object_id=str(user.pk)).update(
            object_repr=ANONYMOUS_NAME, change_message=""
        )
        owned = 0
        for model in reviewed_models():
            # A page needs an owner who can be e-mailed; the editors choose a new one.
            owned += model.objects.filter(content_owner=user).update(content_owner=None)

        # The account stays as a placeholder so everything that counts it still counts it.
        user.email = anonymous_email(user)
        user.first_name = ANONYMOUS_FIRST_NAME
        user.last_name = ANONYMOUS_LAST_NAME
        user.job_title = ""
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.last_login = None
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        user.user_permissions.clear()
        # After the save above, which kept the real name as a former one; the other apps have
        # already looked for every former name where others wrote it (User.names_carried).
        former, _detail = FormerName.objects.filter(user=user).delete()
        return {
            "former_names": former,
            "sessions": len(sessions),
            "email_addresses": addresses,
            "single_sign_on": social,
            "comments": comments + replies,
            "pages_without_owner": owned,
        }

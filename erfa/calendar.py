"""An ERFA day as an iCalendar file (RFC 5545) that Outlook and phone calendars import."""

from datetime import UTC

from django.utils import timezone

from erfa.sanitise import visible_text

PRODUCT_ID = "-//Rigspolitiet//Co+creation ERFA//DA"


def _escape(text):
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


def _fold(line):
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def day_to_ics(day, request):
    location = ", ".join(part for part in (day.place, day.address) if part)
    description = visible_text(day.intro) if day.intro else ""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:erfa-{day.translation_key}@co-creation.politi.dk",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(day.starts_at)}",
        f"DTEND:{_utc(day.ends_at)}",
        f"SUMMARY:{_escape(day.title)}",
        f"LOCATION:{_escape(location)}",
        f"DESCRIPTION:{_escape(description)}",
        f"URL:{request.build_absolute_uri(day.url)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"

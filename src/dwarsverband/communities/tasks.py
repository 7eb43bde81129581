"""Background work: mails to registrants, queued on commit by the services."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from dwarsverband.communities import services
from dwarsverband.communities.calendars import base_url_or_default, meeting_ics
from dwarsverband.communities.models import Meeting, Membership, Registration

logger = logging.getLogger(__name__)

SUBJECTS = {
    services.MAIL_CONFIRMATION: "Aanmelding ontvangen: {title}",
    services.MAIL_PROMOTED: "U hebt een plaats: {title}",
    services.MAIL_CANCELLED: "Afmelding bevestigd: {title}",
    services.MAIL_REMINDER: "Herinnering: {title} over twee dagen",
}


@task()
def registration_mail_task(registration_id: int, kind: str, base_url: str = "") -> bool:
    """Send one mail about a registration (plain text and HTML, with the meeting's .ics).

    Logs ids only: names and e-mail addresses of registrants never go to the log.
    """
    registration = (
        Registration.objects.select_related("meeting__community", "meeting__host")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or kind not in SUBJECTS:
        logger.info("mail %s for registration %s skipped: gone", kind, registration_id)
        return False
    base = base_url_or_default(base_url)
    meeting = registration.meeting
    token = services.registration_token(registration)
    context = {
        "registration": registration,
        "meeting": meeting,
        "kind": kind,
        "meeting_url": base + meeting.get_absolute_url(),
        "manage_url": base + reverse("communities:registration-manage", kwargs={"token": token}),
    }
    with translation.override("nl"):
        subject = SUBJECTS[kind].format(title=meeting.title)
        text = render_to_string("communities/email/registration.txt", context)
        html = render_to_string("communities/email/registration.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[registration.email],
    )
    message.attach_alternative(html, "text/html")
    if kind != services.MAIL_CANCELLED:
        message.attach("bijeenkomst.ics", meeting_ics(meeting, base_url=base), "text/calendar")
    message.send()
    logger.info("mail %s for registration %s sent", kind, registration_id)
    return True


@task()
def member_reminder_task(meeting_id: int, membership_id: int, base_url: str = "") -> bool:
    """Remind a member of the circle of a meeting of the series, with its .ics attached."""
    meeting = (
        Meeting.objects.select_related("community__organiser", "host").filter(pk=meeting_id).first()
    )
    membership = Membership.objects.select_related("user").filter(pk=membership_id).first()
    if meeting is None or membership is None or not membership.user.email:
        logger.info("member reminder %s/%s skipped: gone", meeting_id, membership_id)
        return False
    base = base_url_or_default(base_url)
    context = {
        "meeting": meeting,
        "member": membership.user,
        "meeting_url": base + meeting.get_absolute_url(),
        "agenda": list(meeting.agenda_items.order_by("position", "pk")),
    }
    with translation.override("nl"):
        subject = f"Herinnering: {meeting.title} over twee dagen"
        text = render_to_string("communities/email/member_reminder.txt", context)
        html = render_to_string("communities/email/member_reminder.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[membership.user.email],
    )
    message.attach_alternative(html, "text/html")
    message.attach("bijeenkomst.ics", meeting_ics(meeting, base_url=base), "text/calendar")
    message.send()
    logger.info("member reminder for meeting %s to membership %s sent", meeting_id, membership_id)
    return True

"""Signing staff in as they really are: with the second step where it is asked of them.

Superusers and Shop managers must give a code from a phone (freedomstory/core/staff.py); a test
that signs one in with `force_login` alone is sent to the code step. These helpers give such a
person a phone (a confirmed TOTP device) and a session that has passed the step, or compute the
code a phone would show, for the browser tests that type it.
"""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def give_phone(user):
    """The user's confirmed TOTP device, made once."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test phone", confirmed=True)


def code_for(device):
    """The code the phone shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in_verified(client, user):
    """Signed in with a password and the phone's code, as the admin wants of superusers and Shop
    managers (harmless for anyone else)."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = give_phone(user).persistent_id
    session.save()
    return client

"""The real client behind trusted proxies: each visitor behind the proxy gets their own allowance on the public
forms, and X-Forwarded-For from a peer that is not a trusted proxy changes nothing."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse

from directory import url_safety
from directory.models import SencoSubmission
from directory.schools.senco import submissions as senco
from directory.url_safety import FetchResult
from feedback import protection
from feedback.models import Comment, Role, Topic
from localoffer import ratelimit
from tests.factories import SchoolPageFactory

PROXY = "10.0.0.5"
COMMENTS = "/have-your-say/"


def request(remote_addr, forwarded_for=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **headers)


# --- Who the client is --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "proxies", "remote_addr", "forwarded_for", "client"),
    [
        # Trusting nobody (the default): the header is ignored, whatever it says.
        (0, [], "203.0.113.9", "198.51.100.1", "203.0.113.9"),
        # One proxy: the entry it appended, not the ones the client wrote in front of it.
        (1, [], PROXY, "198.51.100.1", "198.51.100.1"),
        (1, [], PROXY, "192.0.2.66, 198.51.100.1", "198.51.100.1"),
        (1, [], PROXY, "not-an-address, 198.51.100.1", "198.51.100.1"),
        # Two proxies (a CDN, then the load balancer): the CDN's entry is the one before last.
        (2, [], PROXY, "192.0.2.66, 198.51.100.1, 203.0.113.200", "198.51.100.1"),
        # A chain shorter than the proxies make did not come through them all: it counts as the proxy.
        (2, [], PROXY, "198.51.100.1", PROXY),
        (1, [], PROXY, None, PROXY),
        # A peer outside TRUSTED_PROXIES is the client, whatever its header says.
        (1, ["10.0.0.0/8"], PROXY, "198.51.100.1", "198.51.100.1"),
        (1, ["10.0.0.0/8"], "203.0.113.9", "198.51.100.1", "203.0.113.9"),
        (1, ["10.0.0.5", "2001:db8::/32"], "2001:db8::7", "198.51.100.1", "198.51.100.1"),
        (1, ["10.0.0.0/8"], "::ffff:10.0.0.5", "198.51.100.1", "198.51.100.1"),
        (1, ["10.0.0.0/8"], "2001:db8::7", "198.51.100.1", "2001:db8::7"),
    ],
)
def test_client_address(settings, count, proxies, remote_addr, forwarded_for, client):
    settings.TRUSTED_PROXY_COUNT = count
    settings.TRUSTED_PROXIES = proxies
    assert ratelimit.client_address(request(remote_addr, forwarded_for)) == client


def test_other_forwarding_headers_are_never_believed(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    forged = RequestFactory().get(
        "/",
        REMOTE_ADDR=PROXY,
        HTTP_X_REAL_IP="192.0.2.66",
        HTTP_CF_CONNECTING_IP="192.0.2.67",
        HTTP_FORWARDED="for=1.2.3.4",
    )
    assert ratelimit.client_address(forged) == PROXY


def test_a_mistyped_trusted_proxy_is_a_configuration_error(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "the load balancer"]
    with pytest.raises(ImproperlyConfigured, match="the load balancer"):
        ratelimit.client_address(request(PROXY, "198.51.100.1"))


def test_the_key_is_a_hash_of_the_real_client_not_the_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    one = ratelimit.client_key(request(PROXY, "198.51.100.1"))
    assert one == ratelimit.client_key(request(PROXY, "192.0.2.66, 198.51.100.1"))
    assert one != ratelimit.client_key(request(PROXY, "198.51.100.2"))
    assert "198.51.100.1" not in one and len(one) == 64


# --- The comment form ---------------------------------------------------------------------------------------------


@pytest.fixture
def comments(settings, home_page):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    settings.FEEDBACK_RATE_LIMIT = (2, 600)


def comment(client, body, **headers):
    data = {
        "topic": Topic.MISSING,
        "body": body,
        "role": Role.PARENT,
        "token": protection.new_form_token(),
        "website": "",
    }
    return client.post(COMMENTS, data, **headers).status_code


def test_two_visitors_behind_the_trusted_proxy_each_get_their_own_allowance(client, comments, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for visitor in ["198.51.100.1", "198.51.100.2"]:
        sent = [comment(client, f"{visitor} {n}", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=visitor) for n in range(3)]
        assert sent == [303, 303, 429]
    # A visitor who writes their own X-Forwarded-For in front is still counted as themselves.
    assert comment(client, "spoof", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.1") == 429
    assert Comment.objects.count() == 4


@pytest.mark.parametrize("trusted", [pytest.param(0, id="trusting-nobody"), pytest.param(1, id="peer-not-trusted")])
def test_a_spoofed_header_from_an_untrusted_peer_earns_no_new_allowance(client, comments, settings, trusted):
    settings.TRUSTED_PROXY_COUNT = trusted
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    peer = "203.0.113.9"  # a visitor reaching the site directly, making up a new address for every comment
    sent = [comment(client, f"spoof {n}", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}") for n in range(4)]
    assert sent == [303, 303, 429, 429]
    assert Comment.objects.count() == 2


# --- The SENCO form -----------------------------------------------------------------------------------------------


def test_senco_submissions_count_per_visitor_behind_the_proxy(client, schools_index, settings, monkeypatch):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SENCO_RATE_LIMIT = 1
    monkeypatch.setattr(senco, "fetch_status", lambda url, timeout=10: FetchResult(200, url, None))
    monkeypatch.setattr(url_safety, "_resolve", lambda host, port: [])  # no DNS in tests
    school = SchoolPageFactory(
        urn=100001, website="https://www.oakfield.example.sch.uk", sen_report_url="", publish_revision=True
    )
    data = {
        "report_url": "https://www.oakfield.example.sch.uk/send-report",
        "senco_name": "Sam Patel",
        "senco_email": "s.patel@oakfield.example.sch.uk",
        "senco_email_confirm": "s.patel@oakfield.example.sch.uk",
        "senco_phone": "01632 960 001",
        "confirm_authority": "on",
    }
    url = reverse("senco_form", args=[school.urn])
    statuses = [
        client.post(url, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=visitor).status_code
        for visitor in ["198.51.100.1", "198.51.100.1", "198.51.100.2"]
    ]
    assert statuses == [302, 429, 302]
    assert SencoSubmission.objects.count() == 2

"""X-Forwarded-For is believed only from a trusted proxy, read from the right."""

import pytest

from companion import boot, proxies
from companion.config import load_settings
from companion.errors import ConfigError

LOCAL = proxies.parse_trusted("127.0.0.1 ::1")


def test_a_trusted_proxy_is_believed():
    assert proxies.client_address("127.0.0.1", ["203.0.113.7"], LOCAL) == "203.0.113.7"


def test_anyone_else_sending_the_header_is_ignored():
    assert proxies.client_address("198.51.100.4", ["203.0.113.7"], LOCAL) == "198.51.100.4"
    assert proxies.client_address("127.0.0.1", ["203.0.113.7"], ()) == "127.0.0.1"  # no proxy trusted


def test_the_right_most_untrusted_address_wins_over_what_the_browser_wrote_itself():
    # The browser sent "X-Forwarded-For: 10.9.9.9" to fool us; our proxy appended the real address.
    chain = ["10.9.9.9, 203.0.113.7"]
    assert proxies.client_address("127.0.0.1", chain, LOCAL) == "203.0.113.7"
    two_proxies = proxies.parse_trusted("127.0.0.1, 10.0.0.0/8")
    assert proxies.client_address("127.0.0.1", ["203.0.113.7, 10.1.2.3"], two_proxies) == "203.0.113.7"
    assert proxies.client_address("127.0.0.1", ["203.0.113.7", "10.1.2.3"], two_proxies) == "203.0.113.7"


def test_a_hop_that_is_not_an_address_stops_at_the_last_one_we_trust():
    assert proxies.client_address("127.0.0.1", ["unknown"], LOCAL) == "127.0.0.1"
    assert proxies.client_address("127.0.0.1", ["junk, 203.0.113.7"], LOCAL) == "203.0.113.7"


def test_ipv6_and_ports():
    assert proxies.client_address("::1", ["[2001:db8::5]:4711"], LOCAL) == "2001:db8::5"
    assert proxies.client_address("::ffff:127.0.0.1", ["203.0.113.7:80"], LOCAL) == "203.0.113.7"


@pytest.mark.parametrize("raw", ["localhost", "10.0.0.0/33", "127.0.0.1;", "1.2.3"])
def test_a_malformed_setting_names_itself(raw):
    with pytest.raises(ConfigError) as caught:
        proxies.parse_trusted(raw)
    assert caught.value.code == "bad_trusted_proxies"
    assert "COMPANION_TRUSTED_PROXIES" in caught.value.message


def test_the_boot_refuses_a_malformed_setting(tmp_path):
    settings = load_settings({"COMPANION_DB": str(tmp_path / "x.db"), "COMPANION_TRUSTED_PROXIES": "proxy.local"})
    with pytest.raises(ConfigError, match="COMPANION_TRUSTED_PROXIES"):
        boot.Boot(settings)
    fine = load_settings({"COMPANION_DB": str(tmp_path / "x.db"), "COMPANION_TRUSTED_PROXIES": "127.0.0.1/32, ::1"})
    assert len(boot.Boot(fine).trusted_proxies) == 2

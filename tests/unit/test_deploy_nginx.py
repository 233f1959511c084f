"""deploy/nginx-verksted.conf, filled in as an operator would, passes `nginx -t` at / and under a
prefix, and keeps what the day needs: websocket upgrade, long read timeouts, the upload limit."""

import pytest

from tests.e2e.proxies import Nginx


@pytest.mark.parametrize("prefix", ["", "/verksted"])
def test_the_shipped_site_passes_nginx_t(tmp_path, prefix):
    nginx = Nginx(tmp_path, [8501, 8502], tmp_path, prefix)
    checked = nginx.check()
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr
    assert "[warn]" not in checked.stderr and "[emerg]" not in checked.stderr, checked.stderr
    site = (nginx.home / "verksted.conf").read_text()
    assert "server 127.0.0.1:8501;" in site and "server 127.0.0.1:8502;" in site
    assert f"location {prefix}/static/ {{" in site
    for needed in ("proxy_set_header Upgrade $http_upgrade;", "proxy_read_timeout 1h;", "client_max_body_size 51m;"):
        assert needed in site

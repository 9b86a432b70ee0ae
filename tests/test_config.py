from __future__ import annotations

import pytest

from crawler.config import ConfigError, GupressConfig, parse_host_map, redact_url
from crawler.hostmap import mapped_url


def test_host_map_parses_and_maps_urls():
    mapping = parse_host_map("www.asiae.co.kr=127.0.0.1:8081, View.asiae.co.kr=http://127.0.0.1:8082")
    assert mapping == {"www.asiae.co.kr": "127.0.0.1:8081", "view.asiae.co.kr": "127.0.0.1:8082"}
    assert mapped_url("https://www.asiae.co.kr/article/1?a=b", mapping) == "http://127.0.0.1:8081/article/1?a=b"
    assert mapped_url("https://www.tvseoul.kr/news/article.html?no=1", mapping) is None


@pytest.mark.parametrize("bad", ["www.asiae.co.kr", "=127.0.0.1:1", "www.asiae.co.kr="])
def test_host_map_errors_are_clear(bad):
    with pytest.raises(ConfigError, match="host=address:port"):
        parse_host_map(bad)


def test_password_never_rendered():
    assert redact_url("postgresql+psycopg://crawler:s3cret@db:5432/press") == "postgresql+psycopg://crawler:***@db:5432/press"


def test_defaults_and_env():
    assert GupressConfig.from_env({}).database_url == "sqlite:///gupress.db"
    config = GupressConfig.from_env({"GUPRESS_DATABASE_URL": "sqlite:////tmp/x.db", "GUPRESS_MAX_LIST_PAGES": "9",
                                     "GUPRESS_ENTRY_POINTS": '{"asiae": ["https://www.asiae.co.kr/list/x"]}'})
    assert (config.database_url, config.max_list_pages) == ("sqlite:////tmp/x.db", 9)
    assert config.entry_points == {"asiae": ["https://www.asiae.co.kr/list/x"]}
    assert "gupress/" in config.effective_user_agent() and "+https://" in config.effective_user_agent()


@pytest.mark.parametrize("env, message", [
    ({"GUPRESS_MAX_LIST_PAGES": "many"}, "whole number"),
    ({"GUPRESS_RAW_PAGES": "maybe"}, "true or false"),
    ({"GUPRESS_ENTRY_POINTS": "[1]"}, "must look like"),
])
def test_bad_values_rejected(env, message):
    with pytest.raises(ConfigError, match=message):
        GupressConfig.from_env(env)

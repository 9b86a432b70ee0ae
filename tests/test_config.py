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


# --- one declaration (issue 13) ------------------------------------------------------------

import json  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402

from scrapy.settings import Settings  # noqa: E402

from crawler import configdocs  # noqa: E402
from crawler.config import (  # noqa: E402
    DEVELOPMENT,
    FIELDS,
    INTERNAL,
    PREFIX,
    all_declared_names,
    declared,
    from_settings,
)
from crawler.daemon.config import DaemonConfig, FleetSettings  # noqa: E402
from tests.support import REPO, gupress  # noqa: E402

NAME = re.compile(r"GUPRESS_[A-Z0-9_]*")
TEXT_SUFFIXES = {".py", ".md", ".toml", ".ini", ".cfg", ".example", ".service", ".mako", ".sh", ".txt", ".yml",
                 ".yaml", ".json", ""}


def _repository_files() -> list:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            capture_output=True, text=True, check=True).stdout.split("\n")
    return [REPO / name for name in listed if name and (REPO / name).is_file()
            and (REPO / name).suffix in TEXT_SUFFIXES and not name.startswith("tests/fixtures/")]


def _names_used(text: str) -> set[tuple[str, bool]]:
    """(name, is_prefix) for every GUPRESS_ name in ``text``; ``GUPRESS_DAEMON_*`` is a prefix."""
    found = set()
    for match in NAME.finditer(text):
        name, after = match.group(), text[match.end():match.end() + 1]
        if name == "GUPRESS_":
            continue  # the prefix itself (k.startswith("GUPRESS_"))
        found.add((name, after == "*"))
    return found


def test_every_gupress_name_in_the_repository_is_declared():
    declared_names = all_declared_names()
    unknown = {}
    for path in _repository_files():
        for name, prefix in _names_used(path.read_text(encoding="utf-8", errors="replace")):
            ok = any(d.startswith(name) for d in declared_names) if prefix else name in declared_names
            if not ok:
                unknown.setdefault(name, str(path.relative_to(REPO)))
    assert unknown == {}, f"declare these in crawler/config.py: {unknown}"


def test_the_declaration_check_catches_an_undeclared_name():
    typo, family = PREFIX + "MAX_LIST_PAGE", PREFIX + "DAEMON_"  # spelled apart so this file declares nothing
    assert (typo, False) in _names_used(f'settings.get("{typo}")') and typo not in all_declared_names()
    assert _names_used(f"`{family}*` and k.startswith('GUPRESS_')") == {(family, True)}


def test_every_declared_setting_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index(configdocs.START):readme.index(configdocs.END)]
    for name in all_declared_names():
        assert f"| `{name}` |" in table, name
    for name in FIELDS:
        spec = declared(name)
        assert spec["description"] and spec["group"], name
        assert spec["default"] is not None or spec["shown_default"], f"{name}: a None default needs shown_default"


def test_readme_table_and_env_example_are_current():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert configdocs.readme_with_table(readme) == readme, "README is stale: run gupress config --readme"
    example = (REPO / "deploy" / "gupress.env.example").read_text(encoding="utf-8")
    assert example == configdocs.render_env_example(), "run gupress config --env-example"


def test_readme_table_says_what_the_declaration_says():
    """Read from the rendered row, not from the code that renders it: default and limit of three settings."""
    table = configdocs.render_markdown()
    assert "| `GUPRESS_MAX_LIST_PAGES` | integer | `5` | ≥ 1 |" in table
    assert "| `GUPRESS_DAEMON_DEAD_AFTER` | number (seconds) | 6 heartbeats | > 0 |" in table
    assert "| `GUPRESS_REVISIT_MAX_SECONDS` | number (seconds) | `604800` | ≥ 0 |" in table


def test_readme_config_check_flags_a_stale_copy(tmp_path):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    stale = tmp_path / "README.md"
    stale.write_text(readme.replace("| `GUPRESS_MAX_LIST_PAGES` | integer | `5` |", "| `GUPRESS_MAX_LIST_PAGES` | "
                                    "integer | `7` |"), encoding="utf-8")
    assert gupress("config", "--readme", str(stale), "--check").returncode == 1
    assert gupress("config", "--readme", str(stale)).returncode == 0
    assert stale.read_text(encoding="utf-8") == readme


#: A default given in prose: "`NAME` (N)", "`NAME` (default N s)" or "`NAME`, default N".
DEFAULT_CLAIM = re.compile(r"`(GUPRESS_[A-Z0-9_]+)`(?: \((?:default )?`?(\d+(?:\.\d+)?)`?(?: ?[a-z]+)?\)"
                           r"|,? default `?(\d+(?:\.\d+)?))")


def test_readme_prose_names_no_default_the_declaration_does_not_have():
    """Prose may give a default in parentheses after a variable ("(default N)" or "(N)") only when N is
    the declared default."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    before, _, rest = readme.partition(configdocs.START)
    prose = before + rest.partition(configdocs.END)[2]
    claims = DEFAULT_CLAIM.findall(prose)
    wrong = [(name, a or b) for name, a, b in claims
             if name in FIELDS and configdocs.env_text(declared(name)["default"]) != (a or b)]
    assert wrong == []
    assert DEFAULT_CLAIM.findall("`GUPRESS_LEASE_TTL` (30 s) and `GUPRESS_STORE_BATCH`, default 9") == [
        ("GUPRESS_LEASE_TTL", "30", ""), ("GUPRESS_STORE_BATCH", "", "9")]  # the pattern sees both forms


# Invalid values: every numeric setting's limit and type error, from the declaration.
def _limit_cases():
    for name in FIELDS:
        spec = declared(name)
        base = spec["annotation"] if spec["annotation"] in (int, float, bool) else \
            getattr(spec["annotation"], "__args__", (None,))[0]
        if base is bool:
            yield name, "maybe", f"{name} must be true or false, not 'maybe'"
        elif base is int:
            yield name, "many", f"{name} must be a whole number, not 'many'"
        elif base is float:
            yield name, "soon", f"{name} must be a number"
        for key, words in (("ge", "at least"), ("gt", "more than")):
            if key in spec["limits"] and base in (int, float):
                bound = spec["limits"][key]
                below = bound - 1 if key == "ge" and base is int else (bound / 2 if key == "ge" and bound else bound)
                if key == "ge" and base is float and bound == 0:
                    below = -1
                text = str(int(below)) if base is int else str(below)
                yield name, text, f"{name} must be {words} {bound:g}"


@pytest.mark.parametrize("name, value, message", list(_limit_cases()))
def test_invalid_values_give_the_declared_error(name, value, message):
    with pytest.raises(ConfigError) as error:
        GupressConfig.from_env({name: value})
    assert str(error.value).startswith(message), str(error.value)


def test_every_numeric_setting_has_an_invalid_value_case():
    numeric = {n for n in FIELDS if "int" in str(declared(n)["annotation"]) or "float" in str(declared(n)["annotation"])}
    assert numeric <= {name for name, _v, _m in _limit_cases()}
    assert len(numeric) >= 30


@pytest.mark.parametrize("env, message", [
    ({"GUPRESS_HOST_MAP": "www.asiae.co.kr"}, "host=address:port"),
    ({"GUPRESS_QUEUE_URL": "http://u:s3cret@127.0.0.1:6379"}, "GUPRESS_QUEUE_URL: queue URL http://u:***@"),
    ({"GUPRESS_QUEUE_PREFIX": "a b"}, "GUPRESS_QUEUE_PREFIX 'a b': use 1-64 letters"),
    ({"GUPRESS_CRAWL_ARGS": "-s 'X=1"}, "GUPRESS_CRAWL_ARGS cannot be split"),
    ({"GUPRESS_DAEMON_HEARTBEAT": "inf"}, "GUPRESS_DAEMON_HEARTBEAT must be a finite number of seconds"),
    ({"GUPRESS_SCHEDULE_INTERVAL": "0.5", "GUPRESS_STORE_BATCH": "0"}, "GUPRESS_STORE_BATCH must be at least 1"),
])
def test_structured_values_give_their_own_error(env, message):
    with pytest.raises(ConfigError) as error:
        GupressConfig.from_env(env)
    assert message in str(error.value) and "s3cret" not in str(error.value)


def test_two_bad_values_are_both_named_on_one_line():
    with pytest.raises(ConfigError) as error:
        GupressConfig.from_env({"GUPRESS_SCHEDULE_INTERVAL": "0.5", "GUPRESS_STORE_BATCH": "0"})
    assert "GUPRESS_SCHEDULE_INTERVAL must be at least 1 seconds" in str(error.value)
    assert "\n" not in str(error.value)


def test_derived_defaults_follow_the_settings_they_come_from():
    config = GupressConfig.from_env({"GUPRESS_SCHEDULE_INTERVAL": "600", "GUPRESS_DAEMON_HEARTBEAT": "2"})
    assert (config.schedule_jitter, config.misfire_grace, config.daemon_dead_after) == (60, 300, 12)
    assert GupressConfig.from_env({}).schedule_jitter == 300  # interval/10 capped at 300 s
    assert DaemonConfig(interval=100).jitter == 10 and DaemonConfig(interval=100).misfire_grace == 50
    assert FleetSettings(heartbeat=1).dead_after == 6


def test_process_environment_and_an_explicit_mapping_read_alike(monkeypatch):
    env = {"GUPRESS_HOST_MAP": "a.kr=127.0.0.1:1", "GUPRESS_ENTRY_POINTS": '{"asiae": ["https://x/list"]}',
           "GUPRESS_OUTLETS": "asiae, ket", "GUPRESS_CRAWL_ARGS": "-s 'A=b c'", "GUPRESS_RAW_PAGES": "off",
           "GUPRESS_STATUS_ADDR": "off", "GUPRESS_STORE_BATCH": "", "GUPRESS_REVISIT_FRACTION": "0.5"}
    for name in list(os.environ):
        if name.startswith("GUPRESS_"):
            monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    from_process, from_mapping = GupressConfig.from_env(), GupressConfig.from_env(env)
    assert from_process == from_mapping
    assert from_process.from_environment() == set(env) - {"GUPRESS_STORE_BATCH"}  # empty counts as unset
    assert from_process.crawl_args == ("-s", "A=b c") and from_process.outlets == ("asiae", "ket")
    assert from_process.status_addr is None and from_process.raw_pages is False and from_process.store_batch == 50


def test_scrapy_settings_carry_every_setting_and_fall_back_to_the_declaration():
    from crawler import settings as project

    for name, field in FIELDS.items():
        assert hasattr(project, name), name
    for declared_internal in INTERNAL.values():
        if declared_internal.where == "Scrapy setting":
            assert getattr(project, declared_internal.name) == declared_internal.default
    bare = Settings()
    assert from_settings(bare, "GUPRESS_LEASE_TTL") == declared("GUPRESS_LEASE_TTL")["default"]
    assert from_settings(Settings({"GUPRESS_STORE_BATCH": "7"}), "GUPRESS_STORE_BATCH") == 7  # -s gives text
    assert DEVELOPMENT["GUPRESS_TEST_PG_ADMIN_URL"].default.startswith("postgresql+psycopg://")


def _clean_env(**values: str) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if not k.startswith("GUPRESS_")}, **values}


def test_gupress_config_masks_secrets_and_says_where_each_value_came_from():
    env = _clean_env(GUPRESS_DATABASE_URL="postgresql+psycopg://crawler:s3cret@db:5432/press",
                     GUPRESS_QUEUE_URL="redis://:qpass@127.0.0.1:6379/0", GUPRESS_MAX_LIST_PAGES="9")
    result = gupress("config", env=env)
    assert result.returncode == 0, result.stderr
    assert "s3cret" not in result.stdout and "qpass" not in result.stdout
    lines = {line.split("=", 1)[0]: line for line in result.stdout.splitlines()}
    assert set(lines) == set(FIELDS)
    assert lines["GUPRESS_DATABASE_URL"].startswith("GUPRESS_DATABASE_URL=postgresql+psycopg://crawler:***@db:5432/press ")
    assert lines["GUPRESS_DATABASE_URL"].endswith("# environment")
    assert lines["GUPRESS_MAX_LIST_PAGES"].startswith("GUPRESS_MAX_LIST_PAGES=9 ")
    assert lines["GUPRESS_LEASE_TTL"].endswith("# default")
    assert lines["GUPRESS_DAEMON_DEAD_AFTER"].endswith("# default: 6 heartbeats")
    as_json = json.loads(gupress("config", "--json", env=env).stdout)
    assert as_json["GUPRESS_QUEUE_URL"] == {"value": "redis://:***@127.0.0.1:6379/0", "source": "environment"}


def test_gupress_config_with_a_bad_value_is_one_line_and_exit_2():
    result = gupress("config", env=_clean_env(GUPRESS_DAEMON_CONCURRENCY="two",
                                              GUPRESS_DATABASE_URL="postgresql+psycopg://u:s3cret@h:99999/d"))
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "s3cret" not in result.stderr
    assert "GUPRESS_DAEMON_CONCURRENCY must be a whole number, not 'two'" in result.stderr
    assert "port 99999 is not between 1 and 65535" in result.stderr

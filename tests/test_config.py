from pathlib import Path

import pytest

from topicmine.config import load_settings
from topicmine.errors import ConfigError


def test_precedence_defaults_toml_env_args(tmp_path, monkeypatch):
    for k in list(__import__("os").environ):
        if k.startswith("TOPICMINE_"):
            monkeypatch.delenv(k)
    toml = tmp_path / "topicmine.toml"
    toml.write_text('workdir = "from_toml"\n[embed]\nbatch_size = 4\nmodel = "models/x"\n', encoding="utf-8")
    s = load_settings(toml)
    assert s.workdir == Path("from_toml") and s.embed.batch_size == 4 and s.embed.model == "models/x"
    monkeypatch.setenv("TOPICMINE_EMBED__BATCH_SIZE", "16")
    s = load_settings(toml)
    assert s.embed.batch_size == 16 and s.embed.model == "models/x"  # env wins field by field
    s = load_settings(toml, workdir=tmp_path / "江苏", embed={"batch_size": 2})
    assert s.workdir.name == "江苏" and s.embed.batch_size == 2  # explicit wins
    assert s.store_path == tmp_path / "江苏" / "topicmine.sqlite"


def test_bad_settings_name_the_problem(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[embed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.toml"):
        load_settings(bad)
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "missing.toml")
    with pytest.raises(ConfigError, match="batch_size"):
        load_settings(None, embed={"batch_size": "many"})


def test_settings_are_frozen():
    s = load_settings(None)
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="frozen"):
        s.workdir = Path("x")  # type: ignore[misc]

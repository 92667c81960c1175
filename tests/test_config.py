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


def test_relative_paths_resolve_against_the_home_folder(tmp_path, monkeypatch):
    import topicmine.config as cfg

    monkeypatch.delenv("TOPICMINE_HOME", raising=False)
    monkeypatch.chdir(tmp_path)
    # a checkout (pyproject.toml, topicmine/, corpus/ beside the package): the source tree
    assert cfg.default_home() == cfg.SOURCE_ROOT
    assert load_settings(None).resolve("corpus/dicts/user_dict.txt") == cfg.SOURCE_ROOT / "corpus/dicts/user_dict.txt"
    # an installed package (site-packages holds no pyproject.toml): the current directory
    monkeypatch.setattr(cfg, "SOURCE_ROOT", tmp_path / "site-packages")
    assert cfg.default_home() == tmp_path
    # TOPICMINE_HOME wins over both; `home` in topicmine.toml sets it too (the environment beats the file, as
    # for every setting)
    monkeypatch.setenv("TOPICMINE_HOME", str(tmp_path / "政协研究室"))
    s = load_settings(None)
    assert s.home_dir == tmp_path / "政协研究室"
    assert s.resolve("models/multilingual-e5-small") == tmp_path / "政协研究室" / "models" / "multilingual-e5-small"
    assert s.resolve("/abs/x.txt") == Path("/abs/x.txt")
    toml = tmp_path / "topicmine.toml"
    toml.write_text(f'home = "{tmp_path / "data"}"\n', encoding="utf-8")
    assert load_settings(toml).home_dir == tmp_path / "政协研究室"
    monkeypatch.delenv("TOPICMINE_HOME")
    assert load_settings(toml).home_dir == tmp_path / "data"


def test_leiden_backend_setting_is_checked_by_name():
    assert load_settings(None).topics.leiden_backend == "auto"
    assert load_settings(None, topics={"leiden_backend": "networkit"}).topics.leiden_backend == "networkit"
    with pytest.raises(ConfigError, match="leiden_backend"):
        load_settings(None, topics={"leiden_backend": "louvain"})

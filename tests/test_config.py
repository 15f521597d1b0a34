import pytest

from newsledger.config import load_config
from newsledger.errors import ConfigError


def test_defaults_load():
    config = load_config()
    assert config.get("ingest", "max_chars") > 10_000


def test_user_file_overrides(tmp_path):
    path = tmp_path / "my.toml"
    path.write_text("[ingest]\nmax_chars = 1000\n")
    assert load_config(path).get("ingest", "max_chars") == 1000


@pytest.mark.parametrize("content, named", [("[ingest]\nmax_char = 1\n", "ingest.max_char"),
                                            ("[ingst]\nx = 1\n", "[ingst]")])
def test_unknown_keys_are_rejected_by_name(tmp_path, content, named):
    path = tmp_path / "bad.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=named.replace("[", r"\[").replace("]", r"\]")):
        load_config(path)


def test_broken_toml_names_the_file(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text("[ingest\n")
    with pytest.raises(ConfigError, match="broken.toml"):
        load_config(path)

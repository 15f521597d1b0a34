"""Configuration: one commented defaults file, user overrides, unknown keys rejected.

The defaults live in ``resources/defaults.toml``. A user file overrides any subset;
a key that is not in the defaults is an error naming the key, so a typo never goes
silently unused. Config is an immutable value passed down explicitly, never a global.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from newsledger.errors import ConfigError


@dataclass(frozen=True)
class Config:
    values: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def get(self, section: str, key: str) -> Any:
        return self.values[section][key]

    def __reduce__(self):  # worker processes and Ray tasks get the run's config by pickle
        return _frozen, ({section: dict(values) for section, values in self.values.items()},)

    @property
    def lexicon_extras(self) -> Mapping[str, tuple[str, ...]]:
        extra = self.values["lexicons"]["extra"]
        return {name: tuple(files) for name, files in extra.items()}


def defaults() -> dict[str, dict[str, Any]]:
    text = resources.files("newsledger.resources").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def load_config(path: str | Path | None = None, **overrides: Mapping[str, Any]) -> Config:
    """Defaults, then the user's TOML file, then keyword overrides per section."""
    merged = defaults()
    if path:
        try:
            user = tomllib.loads(Path(path).read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc
        _merge(merged, user, origin=str(path))
    for section, values in overrides.items():
        _merge(merged, {section: dict(values)}, origin="overrides")
    return _frozen(merged)


def _frozen(values: Mapping[str, dict[str, Any]]) -> Config:
    return Config(MappingProxyType({k: MappingProxyType(v) for k, v in values.items()}))


def _merge(base: dict[str, dict[str, Any]], user: Mapping[str, Any], *, origin: str) -> None:
    for section, values in user.items():
        if section not in base:
            raise ConfigError(f"{origin}: unknown section [{section}] (known: {', '.join(base)})")
        for key, value in values.items():
            if key not in base[section]:
                known = ", ".join(base[section])
                raise ConfigError(f"{origin}: unknown key {section}.{key} (known: {known})")
            base[section][key] = value

"""The plugin's settings: `JEKYLL_` settings over `_config.yml` over Jekyll's defaults."""

from .settings import KEY, Config, ConfigError, from_settings, prepare, work_out

__all__ = ["KEY", "Config", "ConfigError", "from_settings", "prepare", "work_out"]

"""Tools around the Pelican build: preview, publish, checks (not part of the plugin)."""

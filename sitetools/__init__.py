"""Preview and publish tooling around the Pelican build (not part of the plugin)."""

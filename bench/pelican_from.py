"""`python -m pelican`, with the plugin taken from the folder named first.

The site installs the plugin editable, so a build imports the working tree,
which others may edit during a run of many minutes. The bench copies the code
when a run starts and builds through this script, which puts the copy in
place of the installed package before Pelican looks for plugins.

    python bench/pelican_from.py PLUGIN_FOLDER [pelican arguments...]
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

NAME = "pelican.plugins.jekyll_posts"


def use_plugin_from(folder: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        NAME, folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[NAME] = module
    spec.loader.exec_module(module)


if __name__ == "__main__":
    use_plugin_from(Path(sys.argv.pop(1)))
    from pelican import main

    main()

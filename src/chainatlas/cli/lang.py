"""The language of the command line's messages: the locale's (`LC_ALL`, then `LC_MESSAGES`, then `LANG`).

Chinese when the locale starts with `zh` (zh_CN.UTF-8, zh_TW, zh); English otherwise, and also when no
locale is set or it is `C`/`POSIX`: that is the locale of cron jobs, containers and CI runners, whose logs
are read by whoever runs the machine and are often searched or parsed, and of terminals that may not
render Chinese. A person at a Chinese desktop has a `zh_*` locale and gets Chinese.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from chainatlas.domain.messages import Lang

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def cli_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """Return the language the command line speaks, from the first locale variable that is set (POSIX order)."""
    env = os.environ if environ is None else environ
    locale = next((env[name] for name in LOCALE_VARIABLES if env.get(name)), "")
    return "zh" if locale.lower().startswith("zh") else "en"

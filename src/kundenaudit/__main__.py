"""Entry point for ``python -m kundenaudit``."""

from kundenaudit.cli.main import main

main()

"""Entry point for ``python -m kundenaudit``."""

from kundenaudit.cli import main

main()

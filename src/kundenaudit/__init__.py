"""kundenaudit: audit Muss/Soll/Kann service coverage of B2B customers."""

__version__ = "0.1.0"

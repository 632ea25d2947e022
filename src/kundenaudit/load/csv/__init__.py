"""CSV exports of CRM systems (SPEC §2.3), long and wide."""

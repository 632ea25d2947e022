"""The consultant's report (SPEC §7): one self-contained HTML page, or Markdown."""

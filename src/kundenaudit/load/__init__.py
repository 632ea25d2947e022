"""Reading files: hardened YAML, CSV exports, mappings and input discovery."""

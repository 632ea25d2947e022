"""The vocabulary, file models, record and result types, errors and messages."""

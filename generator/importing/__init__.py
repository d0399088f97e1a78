"""Importing spreadsheets (CSV, XLSX) into award records, checked by the loader's own rules."""

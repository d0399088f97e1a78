"""Judging: figures against each edition's criteria (pure), the dataset assembled, the answer of each region
and edition."""

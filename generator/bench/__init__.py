"""Benchmarks: the pipeline on a synthetic dataset and on the shipped data (loaded only by `bench`)."""

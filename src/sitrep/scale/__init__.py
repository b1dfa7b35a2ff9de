"""Throughput and scale-out: output-preserving speed-ups, worker processes, blocked resolution, Dask."""

"""Benchmarks at province scale: `manage.py make_bench_data` fills a PostgreSQL database,
`make bench` measures the portal's pages against a floor view of the portal itself.
"""

"""Reliability and security: fuzzing, limits, write failures, the web surface, concurrency and load."""

"""Tests of factcheck.ingest."""

"""Tests of factcheck.store."""

"""Tests of factcheck.measure."""

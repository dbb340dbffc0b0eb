"""Tests of factcheck.extraction."""

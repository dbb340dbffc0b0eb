"""Tests of factcheck.reconciliation."""

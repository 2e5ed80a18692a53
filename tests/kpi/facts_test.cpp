// Tests for kpi/facts: see the issue notes.

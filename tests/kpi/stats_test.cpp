// Tests for kpi/stats: see the issue notes.

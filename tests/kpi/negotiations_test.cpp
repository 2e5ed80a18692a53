// Tests for kpi/negotiations: see the issue notes.

// Tests for kpi/deals: see the issue notes.

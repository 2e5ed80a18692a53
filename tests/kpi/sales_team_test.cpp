// Tests for kpi/sales_team: see the issue notes.

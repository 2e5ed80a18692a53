// Tests for kpi/elasticity: see the issue notes.

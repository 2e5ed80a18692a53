// Tests for kpi/catalogs: see the issue notes.

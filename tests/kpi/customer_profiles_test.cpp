// Tests for kpi/customer_profiles: see the issue notes.

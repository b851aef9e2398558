"""Results and graphs -> file formats: pure functions that return text or bytes."""

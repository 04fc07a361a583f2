"""Reports of `honorar calc`."""

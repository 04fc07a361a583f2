"""Reports of `honorar audit`."""

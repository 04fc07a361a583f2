"""Reports of `honorar budget`."""

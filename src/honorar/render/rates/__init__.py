"""Reports of `honorar rates`."""

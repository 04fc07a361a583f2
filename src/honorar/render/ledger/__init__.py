"""`honorar ledger` output: batches, a recording, a batch's claims and the year's report."""

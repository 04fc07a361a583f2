"""The audit: claims read, priced and checked in one streaming pass (`pipeline`), summed and
handed to a report (`summary`); `checks` holds the checks themselves."""

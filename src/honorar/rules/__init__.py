"""The rules: what a meeting is due (fees, lost income, gift, travel), a pure function of the
meeting and the rate tables in force on its day."""

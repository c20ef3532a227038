"""The dealer ledger (台账): dealers' figures, a dealer's months, lines, chain, plan entry."""

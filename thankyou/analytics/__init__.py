"""Analytics: events in, daily counts out; A/B tests and their statistics; reports."""

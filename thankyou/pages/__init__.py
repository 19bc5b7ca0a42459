"""Thank-you pages: their models, which one an order gets, previews and the experience check."""

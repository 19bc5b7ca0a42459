"""The bottom layer: order contexts and their claims, tokens, keys, the cache, errors and shops."""

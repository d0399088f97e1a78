"""Writing and building: the one writer of docs/ and site/, the swap, the lock, the site engine, serve."""

"""Which files the site has: every page, download, share image and the finder's index, as (docs path, bytes)."""

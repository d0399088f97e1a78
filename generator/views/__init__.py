"""What each page shows, decided: one frozen view per page, built from the dataset; templates only lay it out."""

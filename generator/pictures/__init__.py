"""Pictures drawn from views: maps and charts as inline SVG, share images as PNG."""

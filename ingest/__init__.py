"""Feeds, pages, files and market data in; ``ArticleRecord``s and price bars out."""

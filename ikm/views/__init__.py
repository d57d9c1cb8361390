"""Views of the ikm app: the public directory, and the Dinas pages per concern."""

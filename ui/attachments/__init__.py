"""Photos, recordings, videos and documents attached to a record: the panel and its viewers."""

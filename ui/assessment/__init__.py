"""考核 page: the county × month grid of milestones, and a county's indicators scored."""

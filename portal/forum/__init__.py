"""Forums: categories, topics, posts, flags and moderation (issue 6)."""

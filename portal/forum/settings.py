"""Forum settings: app configuration keys with their defaults."""

from flask import current_app

DEFAULTS = {
    #: Reports after which a post is hidden pending review.
    "FORUM_FLAG_THRESHOLD": 3,
    #: How many of an account's first posts wait in the moderation queue.
    "FORUM_MODERATED_FIRST_POSTS": 2,
    "FORUM_POSTS_PER_PAGE": 20,
    "FORUM_TOPICS_PER_PAGE": 30,
    "FORUM_SEARCH_PER_PAGE": 20,
    #: Per account and per IP address (Flask-Limiter syntax).
    "FORUM_POST_LIMIT_ACCOUNT": "6 per minute; 60 per day",
    "FORUM_POST_LIMIT_IP": "20 per minute; 300 per day",
    "FORUM_FLAG_LIMIT": "20 per hour",
    "FORUM_BANNED_WORDS_FILE": None,
}


def setting(name: str):
    return current_app.config.get(name, DEFAULTS[name])

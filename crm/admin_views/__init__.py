"""Staff screens of the clinic in the Wagtail admin, one module per screen (see urls.py)."""

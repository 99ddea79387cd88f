from website.views.errors import page_not_found

__all__ = ["page_not_found"]

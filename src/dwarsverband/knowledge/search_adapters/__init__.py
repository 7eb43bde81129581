"""Search adapters for apps that have none of their own yet; their own declaration wins."""

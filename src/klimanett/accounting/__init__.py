"""Climate accounts: the factor library, the pure engine (ghg/) and the commands around them."""

"""Targets, action plans and climate budgets: from a partner's climate account to a target it
can reach (pure paths and budgets in ``paths.py``)."""

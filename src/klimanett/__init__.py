"""Klimanett: platform for a regional climate and energy network."""

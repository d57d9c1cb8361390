"""Workflow steps of the ikm app, one module per concern (groups, aid, trainings, programs)."""

from ikm.services.groups import KBLI_FILE, group_slug_for, kbli_load

__all__ = ["KBLI_FILE", "group_slug_for", "kbli_load"]

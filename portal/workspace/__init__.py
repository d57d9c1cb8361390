"""The Dinas workspace: pages that read across apps (dashboard, group timeline, reports)."""

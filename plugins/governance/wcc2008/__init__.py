"""The governance of wcc-2008: one component, the four questions of the Year 1 slides."""

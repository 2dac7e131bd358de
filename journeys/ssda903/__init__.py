"""Import of a local authority's SSDA903 return (docs/ssda903.md)."""

"""Views of the library API, one module per resource."""

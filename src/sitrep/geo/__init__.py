"""Places: a local GeoNames gazetteer and toponym resolution in context."""

"""The REST API of the design library (DRF): serializers, views and routes, split by resource."""

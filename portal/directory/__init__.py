"""The guide: structures, resource persons and the services they offer."""

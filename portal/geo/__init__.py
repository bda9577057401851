"""Communes gazetteer: French communes and nearby Belgian municipalities."""

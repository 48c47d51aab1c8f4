"""Notebook: kg in Jupyter, the %%sparql cell magic and the %kg line magic (magics).

Holds only the front end; the DataFrames it shows come from the API (kg.api, kg.frames), which it may
import with every stage below; never cli.
"""

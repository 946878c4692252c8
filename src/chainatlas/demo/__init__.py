"""The shipped demo dataset of the Changsha construction-machinery cluster.

May import only the standard library and `chainatlas.domain`; `build` regenerates `data/*.csv`.
"""

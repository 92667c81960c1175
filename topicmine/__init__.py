"""topicmine: topic mining, near-duplicate detection and drafting for CPPCC research offices.

Importing this package is cheap: heavy libraries load inside the functions that need them.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]

"""Implementation monitoring: indicators, realised values with evidence, verification, progress."""

"""Frame sources, the burned-in overlay and barcode reading in the picture."""

"""Data files shipped with PackSeal: fonts, sounds, translations, presets, icons."""

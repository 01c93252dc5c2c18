"""Where PackSeal keeps its files, and how much room is left."""

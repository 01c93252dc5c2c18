"""Encoder, continuous tape of segments, order clips and the recorder state machine."""

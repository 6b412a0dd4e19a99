"""TCP (RFC 9293): states, segments, sequence arithmetic, the transition table and one
endpoint that runs it, and its explanations as phrases whose sequence numbers know their
ISN (``phrase``, ``explain``). Pure: imports nothing outside this package.
"""

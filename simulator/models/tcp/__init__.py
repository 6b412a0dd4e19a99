"""TCP (RFC 9293): states, segments, sequence arithmetic, the transition table and one
endpoint that runs it. Pure: imports nothing outside this package.
"""

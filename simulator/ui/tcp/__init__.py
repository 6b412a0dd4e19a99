"""TCP's views: the ladder (sequence diagram), both endpoints' state diagrams drawn from the
transition table, the explanation. Uses common and text; no other room.
"""

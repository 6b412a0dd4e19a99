"""Qt views: they draw the Timeline at a cursor and forward input to the Player."""

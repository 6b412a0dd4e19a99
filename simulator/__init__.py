"""Protocol Simulator: step through what happens when a browser talks to a Flask app."""

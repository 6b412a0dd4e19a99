"""Lessons on top of every timeline: lesson files' form, where each narration belongs,
predict-the-next-step questions, scores, the two languages. May use everything in models.
"""

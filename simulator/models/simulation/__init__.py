"""Timelines made in virtual time: two TCP endpoints over a lossy link, the scripted
scenarios, a browser and web app talking real HTTP over it, call chains placed on it.
May use the protocol packages and timeline; never replay or lessons.
"""

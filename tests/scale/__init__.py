"""
Scale tests: several real app processes sharing one PostgreSQL and one Redis, and a PostgreSQL
streaming replica. They start everything privately (see processes.py) and skip, saying why, on a
machine that lacks a tool.
"""

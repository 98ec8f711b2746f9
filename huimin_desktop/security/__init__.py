"""Who may do what, and the key that keeps the data folder unreadable on a lost laptop.

Below store/ (the engine opens the database with the data key) and above errors/domain: services ask
``db.actor.require(...)`` before they act, the GUI only hides what the services would refuse.
"""

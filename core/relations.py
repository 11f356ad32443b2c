"""
How an app reaches the data of apps that come after it in the dependency order without importing them.

The apps depend one way (core ← sources ← skills ← roles ← postings ← careers; the README's architecture
section). A role page still shows the role's postings and a skill lists the roles that need it: those
later apps declare a relation to the earlier model (`JobPosting.role`, related_name "postings"), and the
earlier app follows that reverse relation, as Django intends, instead of importing the later app.
"""


def later_app_model(model, accessor):
    """The model behind a reverse relation that a later app declares: (Role, "postings") → JobPosting."""
    return model._meta.get_field(accessor).related_model

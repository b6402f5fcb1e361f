from tests.gitrepo import two_commits

__all__ = ["two_commits"]

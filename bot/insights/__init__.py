"""Programme managers' room (/insights): anonymous figures and contacts reported before."""

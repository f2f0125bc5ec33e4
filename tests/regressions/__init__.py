"""One test module per fixed bug, named after its issue: test_issue_<n>_<what>.py."""

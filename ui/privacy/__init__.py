"""Privacy dialogs: the reason asked before an export with full personal data (issue 13)."""

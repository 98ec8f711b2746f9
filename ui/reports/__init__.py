"""报表 screen: the official tables on screen, in print preview, as PDF and as Excel."""

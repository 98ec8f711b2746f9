"""The 公示 screen: the year's beneficiaries, saved as .xlsx or printed (services/public_notice.py)."""

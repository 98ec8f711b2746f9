"""Sync between stations: records as packages carry them, what an export selects, the merge and the
authority it checks (whose rows and edits one package may carry), station keys and enrollment, the
package container (streams, blobs, volumes) and removable drives.

Above store/ and below services/: it never imports services/ (the layers test). The clock and the
change capture it relies on are in ``huimin_desktop.stamps``; its errors in ``huimin_desktop.errors``.
"""

"""Reading photo, audio and video files without Qt: kind and MIME type, EXIF dates, durations, thumbnails.

Everything here works on one file path and knows nothing of the database or the attachment store.
"""
